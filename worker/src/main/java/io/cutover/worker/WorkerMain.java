package io.cutover.worker;

import io.cutover.worker.config.ConfigException;
import io.cutover.worker.config.ConfigLoader;
import io.cutover.worker.config.WorkerConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of cutover-worker.jar: {@code java -jar cutover-worker.jar [worker.yaml]} (or the
 * file named by CUTOVER_CONFIG; without a file, the defaults and CUTOVER_* variables). Exit codes:
 * 2 for a bad configuration, 1 when the worker cannot start (Temporal unreachable, search
 * attributes missing); otherwise it runs until SIGTERM, then shuts down gracefully.
 */
public final class WorkerMain {

    private static final Logger log = LoggerFactory.getLogger(WorkerMain.class);

    private WorkerMain() {}

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> environment = System.getenv();
        WorkerRuntime runtime;
        try {
            Path file = configFile(args, environment);
            WorkerConfig config = ConfigLoader.load(file, environment);
            log.info("configuration{}: {}", file == null ? " (environment only)" : " from " + file, config);
            runtime = WorkerRuntime.start(config, CampaignRegistration.create(config, environment), environment);
        } catch (ConfigException e) {
            log.error("bad configuration: {}", e.getMessage());
            System.exit(2);
            return;
        } catch (Exception e) {
            log.error("the worker cannot start: {}", e.getMessage(), e);
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            runtime.close();
                            stopped.countDown();
                        },
                        "worker-shutdown"));
        stopped.await();
    }

    static Path configFile(String[] args, Map<String, String> environment) {
        if (args.length > 1) {
            throw new ConfigException("usage: java -jar cutover-worker.jar [worker.yaml]");
        }
        if (args.length == 1) {
            return Path.of(args[0]);
        }
        String named = environment.get("CUTOVER_CONFIG");
        return named == null || named.isBlank() ? null : Path.of(named);
    }
}
