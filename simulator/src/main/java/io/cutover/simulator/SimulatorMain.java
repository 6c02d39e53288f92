package io.cutover.simulator;

/** Entry point of drs-simulator.jar. */
public final class SimulatorMain {
  private SimulatorMain() {}

  public static void main(String[] args) {
    throw new UnsupportedOperationException("the simulator is being built");
  }
}
