package io.cutover.drs.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading the list and show answers, with the quirks seen in public material. */
class JobAnswersJsonTest {

    private static final ObjectMapper JSON = DrsJson.mapper();

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "SUCCESS|SUCCESS",
                "success|SUCCESS",
                " Success |SUCCESS",
                "FAILED|FAILED",
                "failed|FAILED",
                "PRECHECK FAILED|PRECHECK_FAILED",
                "precheck failed|PRECHECK_FAILED",
                "PRECHECK_FAILED|PRECHECK_FAILED",
                "TRANSFERRING|TRANSFERRING",
                "transferring|TRANSFERRING",
                "RESTORE FAILED|FAILED",
                "CREATING|UNKNOWN",
                "SUCCEEDED_SOON|UNKNOWN",
                "''|UNKNOWN"
            })
    void statusesParseCaseInsensitivelyAndUnknownIsNeverSuccess(String raw, JobStatus expected) {
        assertEquals(expected, JobStatus.parse(raw));
    }

    @Test
    void nullStatusIsUnknownAndUnknownIsNotFinished() {
        assertEquals(JobStatus.UNKNOWN, JobStatus.parse(null));
        assertFalse(JobStatus.UNKNOWN.finished());
        assertFalse(JobStatus.TRANSFERRING.finished());
        assertTrue(JobStatus.PRECHECK_FAILED.finished());
    }

    @Test
    void showAnswerIsReadWithNumericRecoveryModeAndLowerCaseStatus() throws Exception {
        String body = """
        {"id": "job-1", "status": "success", "create_time": "1706510914000",
         "finish_time": "1706511914000", "instance_name": "rds-1", "error_log": null,
         "new_db_names": "Test_Database", "some_new_field": {"x": 1},
         "backup_info": {"file_source": "OBS", "bucket_name": "zyy-obs",
           "file_info": [{"file_name": "a.bak", "file_size": 1048576, "file_last_modify": "2024-01-29"}]},
         "base_info": {"name": "DRS-7526", "engine_type": "sqlserver", "tags": []},
         "target_db_info": {"target_instance_id": "inst-1", "ms_file_stream_status": "off"},
         "options": {"recovery_mode": "2", "is_last_backup": false, "is_precheck": true}}
        """;

        JobDetail detail = JSON.readValue(body, JobDetail.class);

        assertEquals(JobStatus.SUCCESS, detail.jobStatus());
        assertEquals(RecoveryMode.INCRE, detail.options().recoveryMode());
        assertEquals("1048576", detail.backupInfo().fileInfo().get(0).fileSize());
        assertEquals("inst-1", detail.targetDbInfo().targetInstanceId());
        assertNull(detail.errorLog());
        assertEquals("Test_Database", detail.newDbNames());
    }

    @ParameterizedTest
    @CsvSource({"1,FULL", "2,INCRE", "full,FULL", "incre,INCRE", "FULL,FULL"})
    void recoveryModeReadsWordsAndDigits(String wire, RecoveryMode expected) {
        assertEquals(expected, RecoveryMode.fromWire(wire));
    }

    @Test
    void unknownRecoveryModeReadsAsNull() {
        assertNull(RecoveryMode.fromWire(""));
        assertNull(RecoveryMode.fromWire("3"));
    }

    @Test
    void showAnswerOfAPrecheckFailureKeepsErrorLog() throws Exception {
        JobDetail detail = JSON.readValue(
                "{\"id\":\"j\",\"status\":\"PRECHECK FAILED\",\"error_log\":\"backup chain broken\"}", JobDetail.class);

        assertEquals(JobStatus.PRECHECK_FAILED, detail.jobStatus());
        assertEquals("backup chain broken", detail.errorLog());
    }

    @Test
    void listAnswerIsRead() throws Exception {
        JobList list = JSON.readValue("""
            {"count": 12, "jobs": [
              {"id": "a", "name": "Camp-1-0001", "status": "TRANSFERRING", "engine_type": "sqlserver",
               "error_log": "", "description": "d", "create_time": "t1", "finish_time": null,
               "enterprise_project_id": "0"}]}
            """, JobList.class);

        assertEquals(12, list.count());
        assertEquals("Camp-1-0001", list.jobs().get(0).name());
        assertEquals(JobStatus.TRANSFERRING, list.jobs().get(0).jobStatus());
    }

    @Test
    void listAnswerWithoutJobsIsEmpty() throws Exception {
        assertEquals(0, JSON.readValue("{\"count\": 0}", JobList.class).jobs().size());
    }
}
