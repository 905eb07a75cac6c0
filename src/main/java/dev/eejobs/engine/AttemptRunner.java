package dev.eejobs.engine;

import dev.eejobs.api.AttemptOutcome;
import dev.eejobs.api.DurationText;
import dev.eejobs.api.JobAttempt;
import dev.eejobs.api.StopReason;
import dev.eejobs.api.spi.JobEvents;
import dev.eejobs.store.AttemptEnd;
import dev.eejobs.store.ClaimedJob;
import dev.eejobs.store.JobStore;
import dev.eejobs.store.Lease;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs one claimed job to an outcome and writes it with the lease token, together with the
 * attempt's history row and what the job reported last: success (in batches, by the
 * {@link CompletionBatcher}), retry, dead (a timed-out attempt is a failed one), CANCELLED when an
 * operator asked for it (whatever the job returned), or — when shutdown interrupted it — released
 * without counting the attempt. An attempt stopped because this node lost its lease for sure has
 * its outcome discarded, whatever it was, and is handed back uncounted ({@link HandBacks}). A
 * write refused by fencing is counted and logged, never forced.
 */
final class AttemptRunner {

    /** Calls the job bean; the CDI implementation is {@link JobInvoker}. */
    interface Invoker {
        void invoke(RegisteredJobType type, JobExecution execution) throws Exception;
    }

    private static final Logger LOG = Logger.getLogger(AttemptRunner.class.getName());

    private final JobStore store;
    private final JobTypes types;
    private final Invoker invoker;
    private final InFlightJobs inFlight;
    private final JobEvents events;
    private final Clock clock;
    private final CompletionBatcher completions;
    private final BooleanSupplier draining;
    private final HandBacks handBacks;
    private final Ticker ticker;
    private final String node;
    private final BiConsumer<String, Instant> retryStored;

    AttemptRunner(JobStore store, JobTypes types, Invoker invoker, InFlightJobs inFlight, JobEvents events,
            Clock clock, CompletionBatcher completions, BooleanSupplier draining, HandBacks handBacks,
            Ticker ticker) {
        this(store, types, invoker, inFlight, events, clock, completions, draining, handBacks, ticker, "node",
                (queue, at) -> {});
    }

    /**
     * @param node this node's name, kept in each attempt's history
     * @param retryStored told of each retry this node stored, its queue and run time, once stored
     */
    AttemptRunner(JobStore store, JobTypes types, Invoker invoker, InFlightJobs inFlight, JobEvents events,
            Clock clock, CompletionBatcher completions, BooleanSupplier draining, HandBacks handBacks,
            Ticker ticker, String node, BiConsumer<String, Instant> retryStored) {
        this.retryStored = retryStored;
        this.node = node;
        this.handBacks = handBacks;
        this.ticker = ticker;
        this.store = store;
        this.types = types;
        this.invoker = invoker;
        this.inFlight = inFlight;
        this.events = events;
        this.clock = clock;
        this.completions = completions;
        this.draining = draining;
    }

    /**
     * @throws VirtualMachineError after recording the failed attempt: the worker loop must die so
     *     the supervisor restarts it on a fresh footing
     */
    boolean run(ClaimedJob job) {
        long now = ticker.nanos();
        return run(job, now);
    }

    /**
     * @param renewalSentNanos when the claim or the latest successful renewal of the job's lease
     *     was sent, by the {@link Ticker}
     * @return whether the job succeeded (its outcome is with the completion batcher): it will not
     *     be back in its queue
     */
    boolean run(ClaimedJob job, long renewalSentNanos) {
        Instant start = clock.instant();
        JobExecution execution = new JobExecution(job, Thread.currentThread(), renewalSentNanos, ticker.nanos(), clock);
        inFlight.add(execution);
        events.started(job.type(), job.queue(), positive(Duration.between(job.runAt(), start)));
        Throwable failure = null;
        try {
            RegisteredJobType type = types.byName(job.type()).orElseThrow(() ->
                    new IllegalStateException("job type '" + job.type() + "' is not registered on this node"));
            invoker.invoke(type, execution);
        } catch (Throwable t) {
            failure = t;
        } finally {
            execution.finished();
            Thread.interrupted(); // an interrupt meant for the job must not break the writes below
        }
        boolean succeeded;
        try {
            succeeded = record(job, execution, failure, start);
        } finally {
            inFlight.remove(execution); // only now: a drain waits for the outcome to be written
        }
        if (failure instanceof VirtualMachineError fatal) {
            throw fatal;
        }
        return succeeded;
    }

    /** @return whether the outcome is a success, handed to the completion batcher */
    private boolean record(ClaimedJob job, JobExecution execution, Throwable failure, Instant start) {
        Instant now = clock.instant();
        Duration runTime = positive(Duration.between(start, now));
        StopReason stop = execution.stopReason();
        if (stop == StopReason.LEASE_LOST) {
            LOG.info(() -> "job " + job.id() + " was stopped for its lease; its outcome ("
                    + (failure == null ? "returned" : "threw " + failure) + ") is discarded and the attempt handed back");
            handBacks.handBack(job);
            return false;
        }
        Lease lease = Lease.of(job);
        if (execution.cancelRequested()) {
            JobAttempt attempt = attempt(job, start, now, AttemptOutcome.CANCELLED,
                    failure == null ? null : "cancelled; the job ended with " + failure, failure);
            cancelled(job, new AttemptEnd(lease, attempt, execution.reports().take()), now);
            return false;
        }
        if (failure == null && stop != StopReason.TIMEOUT) {
            completions.submit(job, runTime, new AttemptEnd(lease,
                    attempt(job, start, now, AttemptOutcome.SUCCEEDED, null, null), execution.reports().take()));
            return true;
        }
        if (stop != StopReason.TIMEOUT && (stop == StopReason.SHUTDOWN || draining.getAsBoolean())) {
            if (!DeadlockRetry.write(() -> store.release(job.id(), job.leaseToken()))) {
                LOG.fine(() -> "job " + job.id() + " was already released by the drain");
            }
            return false;
        }
        boolean timedOut = stop == StopReason.TIMEOUT;
        String error = timedOut ? "timed out after " + DurationText.format(job.timeout()) : ErrorSummary.message(failure);
        JobAttempt attempt = attempt(job, start, now, timedOut ? AttemptOutcome.TIMED_OUT : AttemptOutcome.FAILED,
                error, failure);
        String lastError = timedOut ? error + (failure == null ? "" : "\n" + ErrorSummary.of(failure))
                : ErrorSummary.of(failure);
        Instant next = RetryPolicy.nextRunAt(job, now, ThreadLocalRandom.current().nextDouble());
        AttemptEnd end = new AttemptEnd(lease, attempt, execution.reports().take());
        String bounded = ErrorSummary.bounded(lastError);
        if (DeadlockRetry.write(() -> store.fail(end, next, bounded, now))) {
            if (timedOut) {
                events.timedOut(job.type(), job.queue());
            }
            events.failed(job.type(), job.queue(), runTime, next != null);
            if (next != null) {
                retryStored.accept(job.queue(), next);
            }
            LOG.log(next == null ? Level.WARNING : Level.INFO, failure, () -> "job " + job.id() + " (" + job.type()
                    + ") attempt " + job.attempts() + (timedOut ? " " + error : " failed") + "; "
                    + (next == null ? "it is now DEAD" : "retry at " + next));
        } else {
            fenced(job, "fail");
        }
        return false;
    }

    /**
     * A job whose cancel request arrived while it waited for a worker: written CANCELLED without
     * starting it (no attempt ran, so none is kept in its history).
     */
    void cancelUnstarted(ClaimedJob job) {
        cancelled(job, AttemptEnd.of(Lease.of(job)), clock.instant());
    }

    private void cancelled(ClaimedJob job, AttemptEnd end, Instant now) {
        if (DeadlockRetry.write(() -> store.cancelRunning(end, now))) {
            events.cancelledWhileRunning(job.type(), job.queue());
            LOG.info(() -> "job " + job.id() + " (" + job.type() + ") is CANCELLED, as an operator requested");
        } else {
            fenced(job, "cancel");
        }
    }

    private JobAttempt attempt(ClaimedJob job, Instant start, Instant end, AttemptOutcome outcome, String error,
            Throwable failure) {
        return new JobAttempt(job.attempts(), node, start, end, outcome, ErrorSummary.bounded(error),
                failure == null ? null : ErrorSummary.of(failure), positive(Duration.between(start, end)));
    }

    private static Duration positive(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }

    private void fenced(ClaimedJob job, String write) {
        events.fencedWrite(job.type(), job.queue());
        LOG.warning(() -> "refused to " + write + " job " + job.id() + ": its lease was taken back"
                + " (lease token " + job.leaseToken() + " is no longer current)");
    }
}
