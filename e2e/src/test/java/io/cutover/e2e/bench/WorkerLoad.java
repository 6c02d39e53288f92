package io.cutover.e2e.bench;

import io.cutover.e2e.WorkerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the worker process costs: its CPU time from /proc/PID/stat (user + system, in clock ticks
 * of 1/100 s on Linux) and its heap from jcmd.
 */
final class WorkerLoad {

    private static final double TICKS_PER_SECOND = 100.0;
    /** "garbage-first heap   total 65536K, used 23456K" */
    private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");

    private WorkerLoad() {}

    /** CPU seconds the worker has used since it started. */
    static double cpuSeconds(WorkerProcess worker) {
        try {
            String stat = Files.readString(Path.of("/proc/" + worker.pid() + "/stat"));
            // The command name (field 2) may hold spaces: count the fields after its closing ')'.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long user = Long.parseLong(fields[11]);
            long system = Long.parseLong(fields[12]);
            return (user + system) / TICKS_PER_SECOND;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** CPU seconds every process of the machine has used since boot (the first line of /proc/stat). */
    static double machineBusySeconds() {
        try {
            String[] fields =
                    Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            // cpu user nice system idle iowait irq softirq steal: all but idle and iowait are busy.
            for (int i = 1; i <= 8; i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(fields[i]);
                }
            }
            return busy / TICKS_PER_SECOND;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Heap in use, in MiB, from {@code jcmd PID GC.heap_info} (the worker's /metrics carries no JVM
     * memory meters). With {@code collectFirst}, a full collection runs first: what is left is
     * what the campaigns really hold.
     */
    static double heapUsedMib(WorkerProcess worker, boolean collectFirst) {
        if (collectFirst) {
            jcmd(worker, "GC.run");
        }
        Matcher used = HEAP_USED.matcher(jcmd(worker, "GC.heap_info"));
        if (!used.find()) {
            throw new IllegalStateException("no heap figure from jcmd GC.heap_info");
        }
        return Long.parseLong(used.group(1)) / 1024.0;
    }

    private static String jcmd(WorkerProcess worker, String command) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process process = new ProcessBuilder(jcmd.toString(), Long.toString(worker.pid()), command)
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("jcmd " + command + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
