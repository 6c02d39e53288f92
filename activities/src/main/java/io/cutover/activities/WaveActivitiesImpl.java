package io.cutover.activities;

import io.cutover.activity.MemberAnswer;
import io.cutover.activity.MemberAsk;
import io.cutover.activity.WaveActivities;
import io.cutover.wave.MemberReport;
import io.grpc.Status;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowServiceException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateHandle;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.failure.ApplicationFailure;
import io.temporal.internal.client.CompletedWorkflowUpdateHandleImpl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A wave's asks of its members, through the worker's Temporal client: every member's {@code
 * waveCutover} update at once, each waited for until it completes. A call the server could not take
 * (unavailable, busy) is made again under the same update id until the time is up, so a member is
 * never asked twice; a member not answered by then, or whose call the server refused otherwise
 * (no permission to update, say), is UNREACHED, and the wave asks it by signal.
 */
public final class WaveActivitiesImpl implements WaveActivities {

    /** The member update a wave's cutover asks with (see CampaignWorkflow#waveCutover). */
    static final String UPDATE = "waveCutover";

    /** The member update a wave collects PREPARED reports with (see CampaignWorkflow#wavePrepared). */
    static final String COLLECT = "wavePrepared";

    /** The member update that takes the request and answers when prepared (see CampaignWorkflow#wavePrepare). */
    static final String PREPARE = "wavePrepare";

    /** Beyond the members' own wait: the calls' way there and back, on a busy server. */
    private static final Duration COLLECT_SLACK = Duration.ofSeconds(20);

    /** How often a collection beats while it waits, well within its heartbeat timeout. */
    private static final Duration BEAT = Duration.ofSeconds(2);

    /** Enough threads for a wave of this many members to be asked at once; more wait their turn. */
    private static final int AT_ONCE = 64;

    private static final Duration AGAIN_AFTER = Duration.ofMillis(200);
    private static final Logger log = LoggerFactory.getLogger(WaveActivitiesImpl.class);

    private final WorkflowClient client;

    public WaveActivitiesImpl(WorkflowClient client) {
        this.client = client;
    }

    @Override
    public List<MemberAnswer> askMembers(List<MemberAsk> asks, long answerWithinMillis) {
        return askAll(
                asks,
                Duration.ofMillis(answerWithinMillis),
                () -> {},
                (ask, deadline) ->
                        update(ask, UPDATE, WorkflowUpdateStage.COMPLETED, deadline, ask.request(), ask.collected()));
    }

    @Override
    public List<MemberAnswer> askToPrepare(List<MemberAsk> asks, long preparedWithinMillis, long answerWithinMillis) {
        return askAll(
                asks,
                Duration.ofMillis(answerWithinMillis),
                () -> {},
                (ask, deadline) -> update(
                        ask, PREPARE, WorkflowUpdateStage.ACCEPTED, deadline, ask.request(), preparedWithinMillis));
    }

    /**
     * Each update ends within {@code withinMillis} of its acceptance; the activity beats meanwhile,
     * so that a worker lost while it waits is noticed and the next attempt waits again for the same
     * updates, which have gone on in the members all the while.
     */
    @Override
    public List<MemberAnswer> awaitPrepared(List<MemberAsk> asks, long withinMillis) {
        return collecting(asks, withinMillis, this::outcome);
    }

    /**
     * Each member answers within {@code withinMillis} of its update's arrival; the activity beats
     * meanwhile, so that a worker lost mid-collection is noticed and the next attempt asks again,
     * under the same ids, which the members answer as they did.
     */
    @Override
    public List<MemberAnswer> collectPrepared(List<MemberAsk> asks, long withinMillis) {
        return collecting(
                asks,
                withinMillis,
                (ask, deadline) -> update(ask, COLLECT, WorkflowUpdateStage.COMPLETED, deadline, withinMillis));
    }

    /** A call to all that waits on the members' own time ({@code withinMillis}) and beats meanwhile. */
    private List<MemberAnswer> collecting(List<MemberAsk> asks, long withinMillis, MemberCall call) {
        ActivityExecutionContext context = Activity.getExecutionContext();
        return askAll(asks, Duration.ofMillis(withinMillis).plus(COLLECT_SLACK), () -> context.heartbeat(null), call);
    }

    /** One member's part of a call to all: its answer, by the deadline (in {@link System#nanoTime()}). */
    @FunctionalInterface
    private interface MemberCall {
        MemberAnswer call(MemberAsk ask, long deadline) throws InterruptedException;
    }

    private List<MemberAnswer> askAll(List<MemberAsk> asks, Duration within, Runnable beat, MemberCall call) {
        long deadline = System.nanoTime() + within.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(AT_ONCE, asks.size())));
        try {
            List<Future<MemberAnswer>> pending = new ArrayList<>();
            for (MemberAsk ask : asks) {
                pending.add(pool.submit(() -> call.call(ask, deadline)));
            }
            List<MemberAnswer> answers = new ArrayList<>();
            for (int i = 0; i < asks.size(); i++) {
                answers.add(answer(asks.get(i), pending.get(i), deadline, beat));
            }
            return answers;
        } finally {
            // Every ask has ended or its time is up: an update still on its way completes or not,
            // under its id, and the wave hears that member by signal.
            pool.shutdownNow();
        }
    }

    private static MemberAnswer answer(MemberAsk ask, Future<MemberAnswer> pending, long deadline, Runnable beat) {
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                try {
                    return pending.get(Math.max(0, Math.min(left, BEAT.toNanos())), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    if (left <= BEAT.toNanos()) {
                        return MemberAnswer.unreached(ask.campaignId(), "no answer in time");
                    }
                    beat.run();
                }
            }
        } catch (ExecutionException e) {
            return MemberAnswer.unreached(ask.campaignId(), String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return MemberAnswer.unreached(ask.campaignId(), "interrupted");
        }
    }

    /**
     * Asks one member by update, until {@code stage}: COMPLETED answers with the member's report,
     * ACCEPTED with none (the member took the request; the update goes on in it).
     */
    private MemberAnswer update(
            MemberAsk ask, String update, WorkflowUpdateStage stage, long deadline, Object... arguments)
            throws InterruptedException {
        UpdateOptions<MemberReport> options = UpdateOptions.newBuilder(MemberReport.class)
                .setUpdateName(update)
                .setUpdateId(ask.updateId())
                .setWaitForStage(stage)
                .build();
        return untilAnswered(ask, deadline, () -> {
            WorkflowUpdateHandle<MemberReport> handle =
                    client.newUntypedWorkflowStub(ask.campaignId()).startUpdate(options, arguments);
            // An update refused, or one that ended in the task that took it (a member that took the
            // request only to refuse its final, say), comes back with its outcome at any stage: its
            // handle holds it, and reading it costs no call. Otherwise it is still going on.
            boolean ended =
                    stage == WorkflowUpdateStage.COMPLETED || handle instanceof CompletedWorkflowUpdateHandleImpl;
            return ended ? handle.getResult() : null;
        });
    }

    /** The end of an update asked before, by its id: the member's report then. */
    private MemberAnswer outcome(MemberAsk ask, long deadline) throws InterruptedException {
        return untilAnswered(
                ask,
                deadline,
                () -> client.newUntypedWorkflowStub(ask.campaignId())
                        .getUpdateHandle(ask.updateId(), MemberReport.class)
                        .getResult(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
    }

    /**
     * One call, made again while the server could not take it (unavailable, busy) and the time
     * allows: the member's report (TOOK), its refusal, or why it was not reached.
     */
    private static MemberAnswer untilAnswered(MemberAsk ask, long deadline, Supplier<MemberReport> call)
            throws InterruptedException {
        while (true) {
            try {
                return MemberAnswer.took(ask.campaignId(), call.get());
            } catch (WorkflowUpdateException refused) {
                return MemberAnswer.refused(ask.campaignId(), reason(refused));
            } catch (WorkflowNotFoundException gone) {
                return MemberAnswer.gone(ask.campaignId());
            } catch (WorkflowServiceException notTaken) {
                if (!passing(notTaken) || System.nanoTime() + AGAIN_AFTER.toNanos() > deadline) {
                    return MemberAnswer.unreached(ask.campaignId(), String.valueOf(notTaken.getCause()));
                }
                log.info("asking {} again: {}", ask.campaignId(), String.valueOf(notTaken.getCause()));
                Thread.sleep(AGAIN_AFTER.toMillis());
            }
        }
    }

    /**
     * Whether the server may take the call if asked again: it was unavailable, busy or slow. Any
     * other refusal (no permission to update, say) stands, and the member is asked by signal.
     */
    private static boolean passing(WorkflowServiceException notTaken) {
        Status.Code code = Status.fromThrowable(notTaken).getCode();
        return code == Status.Code.UNAVAILABLE
                || code == Status.Code.RESOURCE_EXHAUSTED
                || code == Status.Code.DEADLINE_EXCEEDED
                || code == Status.Code.ABORTED;
    }

    /** The member's own words for why it refused (its validator's message). */
    private static String reason(WorkflowUpdateException refused) {
        Throwable cause = refused.getCause();
        if (cause instanceof ApplicationFailure failure) {
            return failure.getOriginalMessage();
        }
        return cause == null ? refused.getMessage() : cause.getMessage();
    }
}
