package io.cutover.campaign;

import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A workflow's signals to other workflows: each is sent at once and counted until it is delivered.
 * A run closes, or continues as new, only once none is on its way, since a signal still in flight
 * when its sender's run closes is not delivered by every server (the test server loses it).
 *
 * <p>A signal that fails is not taken as proof that its receiver is gone. The receiver may be
 * between two runs of a continue-as-new: the test server answers "not found" there, and a turn
 * given back, a grant or a commit lost that way would leave a turn counted for ever or a member
 * waiting for ever. So a failed signal is sent again after a pause, and whatever the workflow sends
 * to the same receiver meanwhile waits behind it, to keep their order. Only after {@link #SENDS}
 * failed sends is the receiver taken as gone: every signal waiting for it is dropped, and each
 * one's {@code onGone} runs.
 */
public final class SignalOutbox {

    /** How many times a signal is sent before its receiver is taken as gone. */
    static final int SENDS = 5;

    /** The pause before a failed signal is sent again. */
    static final Duration PAUSE = Duration.ofSeconds(1);

    /** Recorded at the first failure: runs that began before it dropped a failed signal. */
    static final String RESEND = "signal-resend";

    private record Pending(long order, Supplier<Promise<Void>> signal, Runnable onGone) {}

    /** The signals of one receiver that wait for a failed one to go through, in the order sent. */
    private static final class Receiver {
        private final List<Pending> queue = new ArrayList<>();
        private boolean recovering;

        void enqueue(Pending pending) {
            queue.add(pending);
            queue.sort(Comparator.comparingLong(Pending::order));
        }
    }

    private final Map<String, Receiver> receivers = new HashMap<>();
    private long sent;
    private int inFlight;
    private Boolean resends;

    /**
     * Sends a signal to the workflow {@code receiver}: {@code signal} sends it (through {@code
     * Async}, so that it is a command of this workflow task) and is called again for each resend;
     * {@code onGone} runs if it can never be delivered.
     */
    public void send(String receiver, Supplier<Promise<Void>> signal, Runnable onGone) {
        inFlight++;
        Pending pending = new Pending(sent++, signal, onGone);
        Receiver to = receivers.computeIfAbsent(receiver, r -> new Receiver());
        if (to.recovering) {
            to.enqueue(pending);
            return;
        }
        pending.signal().get().handle((ok, failure) -> {
            if (failure == null) {
                inFlight--;
            } else {
                failed(to, pending);
            }
            return null;
        });
    }

    /** Whether every signal sent has been delivered (or its receiver is gone). */
    public boolean delivered() {
        return inFlight == 0;
    }

    private void failed(Receiver to, Pending pending) {
        if (resends == null) {
            resends = Workflow.getVersion(RESEND, Workflow.DEFAULT_VERSION, 1) >= 1;
        }
        if (!resends) {
            inFlight--;
            pending.onGone().run();
            return;
        }
        to.enqueue(pending);
        if (!to.recovering) {
            to.recovering = true;
            Async.procedure(() -> recover(to));
        }
    }

    /** Sends the receiver's waiting signals one at a time, in order, pausing after each failure. */
    private void recover(Receiver to) {
        int failures = 1;
        while (!to.queue.isEmpty()) {
            if (failures >= SENDS) {
                List<Pending> dropped = List.copyOf(to.queue);
                to.queue.clear();
                inFlight -= dropped.size();
                dropped.forEach(p -> p.onGone().run());
                break;
            }
            if (failures > 0) {
                Workflow.sleep(PAUSE);
            }
            Pending head = to.queue.get(0);
            if (deliver(head)) {
                to.queue.remove(head);
                inFlight--;
                failures = 0;
            } else {
                failures++;
            }
        }
        to.recovering = false;
    }

    private static boolean deliver(Pending pending) {
        try {
            pending.signal().get().get();
            return true;
        } catch (RuntimeException failed) {
            return false;
        }
    }
}
