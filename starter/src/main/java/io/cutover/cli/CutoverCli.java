package io.cutover.cli;

/** Entry point of cutover.jar, the operator's command line. */
public final class CutoverCli {
  private CutoverCli() {}

  public static void main(String[] args) {
    throw new UnsupportedOperationException("the command line is being built");
  }
}
