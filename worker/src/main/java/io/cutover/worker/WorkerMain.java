package io.cutover.worker;

/** Entry point of cutover-worker.jar. */
public final class WorkerMain {
  private WorkerMain() {}

  public static void main(String[] args) {
    throw new UnsupportedOperationException("the worker is being built");
  }
}
