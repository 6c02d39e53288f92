package io.cutover.simulator.job;

/**
 * A create refused because its target instance already runs its limit of jobs at once. No job is
 * made; the API answers it as DRS answers a refused create (see SimulatorOptions).
 */
public final class TooManyRunningJobsException extends RuntimeException {

    public TooManyRunningJobsException(String targetInstanceId, long running) {
        super("Failed. The instance " + targetInstanceId + " already runs " + running
                + " backup migration jobs at once: wait for one to finish and create again");
    }
}
