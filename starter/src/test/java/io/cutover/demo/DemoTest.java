package io.cutover.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/** Runs `cutover demo` as an operator would and reads what it printed. */
class DemoTest {

    @Test
    @Timeout(120)
    void demoRunsAWholeCampaignAndExitsZero() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new DemoCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));

        int code = cli.execute("--log-backups", "2", "--backup-every", "1");

        String printed = out.toString();
        assertEquals(0, code, printed + err);
        assertFalse(printed.contains("PROBLEM"), printed);
        assertTrue(printed.contains("phase       CATCHING_UP"), printed);
        assertTrue(printed.contains("cutover accepted"), printed);
        assertTrue(printed.contains("result      COMPLETED"), printed);
        assertTrue(printed.contains("jobs, 1 with is_last_backup=true"), printed);
        Matcher downtime = Pattern.compile("downtime    (\\S+)").matcher(printed);
        assertTrue(downtime.find() && !downtime.group(1).equals("-"), printed);
        Matcher jobs = Pattern.compile("record: (\\d+) jobs").matcher(printed);
        assertTrue(jobs.find(), printed);
        // The full backup, at least the two log backups before the cutover, and the tail-log backup.
        assertTrue(Integer.parseInt(jobs.group(1)) >= 4, printed);
    }

    @Test
    @Timeout(180)
    void demoWithThreeDatabasesRunsAWaveAndChecksEachMember() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new DemoCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));

        int code = cli.execute("--databases", "3", "--log-backups", "2", "--backup-every", "1");

        String printed = out.toString();
        assertEquals(0, code, printed + err);
        assertFalse(printed.contains("PROBLEM"), printed);
        assertTrue(printed.contains("phase       PREPARING"), printed);
        assertTrue(printed.contains("cutover accepted by every member"), printed);
        assertTrue(printed.contains("== wave COMPLETED"), printed);
        for (String member : new String[] {"demo-wave-orders", "demo-wave-billing", "demo-wave-stock"}) {
            assertTrue(printed.contains(member), printed);
        }
        Matcher jobs = Pattern.compile("record: (\\d+) jobs").matcher(printed);
        assertTrue(jobs.find(), printed);
        // Per member: the full, at least two log backups, and the tail-log backup.
        assertTrue(Integer.parseInt(jobs.group(1)) >= 12, printed);
    }
}
