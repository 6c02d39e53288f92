package io.cutover.worker.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cutover.activity.BackupActivities;
import io.cutover.activity.DrsActivities;
import io.temporal.failure.ApplicationFailure;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The worker's logback.xml: text by default, JSON with CUTOVER_LOG_FORMAT=json, campaign id in both. */
class LogFormatTest {

    /** Configures a fresh logback context from the worker's file and returns what one line printed. */
    private static String logOneLine(String format) throws JoranException {
        return log(format, "io.cutover.test", "full restore submitted", null);
    }

    private static String log(String format, String logger, String message, Throwable thrown) throws JoranException {
        URL config = LogFormatTest.class.getResource("/logback.xml");
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(MDC.getMDCAdapter());
        if (format != null) {
            // Logback reads context properties before the environment, so this stands in for the variable.
            context.putProperty("CUTOVER_LOG_FORMAT", format);
        }
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            configurator.doConfigure(config);
            MDC.put(CampaignMdcInterceptor.MDC_KEY, "cutover-orders-db");
            if (thrown == null) {
                context.getLogger(logger).info(message);
            } else if (thrown instanceof Warning) {
                context.getLogger(logger).warn(message);
            } else {
                context.getLogger(logger).warn(message, thrown);
            }
        } finally {
            MDC.remove(CampaignMdcInterceptor.MDC_KEY);
            System.setOut(original);
            context.stop();
        }
        return captured.toString(StandardCharsets.UTF_8).strip();
    }

    @Test
    void textIsTheDefaultAndCarriesTheCampaignId() throws Exception {
        String line = logOneLine(null);

        assertTrue(line.contains(" INFO "), line);
        assertTrue(line.contains("campaign=cutover-orders-db - full restore submitted"), line);
    }

    @Test
    void jsonFormatPrintsOneObjectPerLineWithTheCampaignId() throws Exception {
        String line = logOneLine("json");

        JsonNode event = new ObjectMapper().readTree(line);
        assertEquals("INFO", event.get("level").asText());
        assertEquals("full restore submitted", event.get("message").asText());
        assertEquals("cutover-orders-db", event.get("mdc").get("campaignId").asText());
    }

    /** Stands for "log this message at WARN, without a throwable". */
    private static final class Warning extends RuntimeException {}

    @Test
    void theObsSdksRequestByRequestInfoLinesAndNotFoundWarningsAreDroppedOtherWarningsKept() throws Exception {
        for (String format : new String[] {null, "json"}) {
            assertEquals("", log(format, "com.obs.log.AccessLogger", "2026-12-07 17:47:04 GET /bucket 200", null));
            assertEquals("", log(format, "com.obs.services.internal.RestStorageService", "OkHttp cost 12 ms", null));
            String warning = log(
                    format,
                    "com.obs.services.AbstractClient",
                    "Storage|1|HTTP+XML|getObject||||2026-12-07 19:10:25|2026-12-07 19:10:25|||503|",
                    new Warning());
            assertTrue(warning.contains("|503|"), warning);
            // A 404 is how the worker learns an object is not there: an answer, not trouble.
            assertEquals(
                    "",
                    log(
                            format,
                            "com.obs.services.AbstractClient",
                            "Storage|1|HTTP+XML|getObjectMetadata||||2026-12-07 19:10:25|2026-12-07 19:10:25|||404|",
                            new Warning()));
            assertEquals(
                    "",
                    log(
                            format,
                            "com.obs.services.internal.RestStorageService",
                            "Request failed, Response code: 404; Request ID: 1; Request path: http://127.0.0.1/b/k",
                            new Warning()));
        }
    }

    @Test
    void pollAttemptsThatOnlySayNotYetAreNotLoggedOtherFailuresAre() throws Exception {
        String sdk = "io.temporal.internal.activity.ActivityTaskExecutors$BaseActivityTaskExecutor";
        for (String format : new String[] {null, "json"}) {
            assertEquals(
                    "",
                    log(
                            format,
                            sdk,
                            "Activity failure. activityType=AwaitJob, attempt=7",
                            ApplicationFailure.newFailure(
                                    "DRS job j1 is still TRANSFERRING", DrsActivities.STILL_RUNNING)));
            assertEquals(
                    "",
                    log(
                            format,
                            sdk,
                            "Activity failure. activityType=AwaitNewBackups, attempt=3",
                            ApplicationFailure.newFailure("nothing new", BackupActivities.NOTHING_NEW)));
            String rejected = log(
                    format,
                    sdk,
                    "Activity failure. activityType=SubmitJob, attempt=1",
                    ApplicationFailure.newNonRetryableFailure("bad request", DrsActivities.REJECTED));
            assertTrue(rejected.contains("Activity failure. activityType=SubmitJob"), rejected);
        }
    }
}
