package io.cutover.e2e;

import io.cutover.campaign.CampaignReport;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whole campaigns on a real Temporal server (the CLI's dev server), the worker jar and the DRS
 * simulator jar each in its own JVM, the backups in a folder both read: what an operator's
 * rehearsal does, with the crashes and restarts a real cutover night may bring.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CampaignE2eIT {

  private static final Logger log = LoggerFactory.getLogger(CampaignE2eIT.class);
  private static final Duration PROGRESS_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration COMPLETION_TIMEOUT = Duration.ofSeconds(60);

  private E2eEnvironment env;

  @BeforeAll
  @Timeout(180)
  void startEnvironment() {
    env = new E2eEnvironment("campaign-e2e");
  }

  @AfterAll
  void stopEnvironment() {
    if (env != null) {
      env.close();
    }
  }

  @Test
  @Order(1)
  @Timeout(180)
  void fullCampaignCutOverWithTheTemporalCli() {
    CampaignRun run = CampaignRun.start(env, "full");
    run.awaitSucceededJobs(4, PROGRESS_TIMEOUT);

    run.cutoverWithCli();
    CampaignReport report = run.awaitReport(COMPLETION_TIMEOUT);

    run.assertRestoredExactlyOnceInOrder(report);
    log.info("{}: {} jobs, downtime {} ms", run.id, report.backups().size(), report.downtimeMillis());
  }
}
