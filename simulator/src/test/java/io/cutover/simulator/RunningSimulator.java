package io.cutover.simulator;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A simulator per test, closed after it: {@code @RegisterExtension final RunningSimulator running =
 * new RunningSimulator(SimulatorOptions.builder());}. Started lazily, so a test can {@link
 * #restart} with other options before its first call.
 */
final class RunningSimulator implements AfterEachCallback {

  private SimulatorOptions options;
  private DrsSimulator simulator;
  private SimulatorHttp http;

  RunningSimulator(SimulatorOptions.Builder options) {
    this.options = options.build();
  }

  DrsSimulator simulator() {
    if (simulator == null) {
      simulator = DrsSimulator.start(options);
      http = new SimulatorHttp(simulator);
    }
    return simulator;
  }

  SimulatorHttp http() {
    simulator();
    return http;
  }

  /** Closes the running simulator, if any, and starts one with {@code newOptions}. */
  DrsSimulator restart(SimulatorOptions.Builder newOptions) {
    stop();
    options = newOptions.build();
    return simulator();
  }

  void stop() {
    if (simulator != null) {
      simulator.close();
      simulator = null;
      http = null;
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    stop();
  }
}
