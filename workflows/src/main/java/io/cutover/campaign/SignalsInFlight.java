package io.cutover.campaign;

import io.temporal.workflow.Promise;

/**
 * A workflow's signals to other workflows, counted until each is delivered (or has failed): a run
 * closes, or continues as new, only once none is on its way, since a signal still in flight when
 * its sender's run closes is not delivered by every server (the test server loses it).
 */
public final class SignalsInFlight {

    private int inFlight;

    /** Counts the signal sent until it is delivered; runs {@code onFailure} if it cannot be. */
    public void track(Promise<Void> sent, Runnable onFailure) {
        inFlight++;
        sent.handle((ok, failure) -> {
            inFlight--;
            if (failure != null) {
                onFailure.run();
            }
            return null;
        });
    }

    /** Whether every signal sent has been delivered (or has failed). */
    public boolean delivered() {
        return inFlight == 0;
    }
}
