package io.cutover.worker.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
      context.getLogger("io.cutover.test").info("full restore submitted");
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
}
