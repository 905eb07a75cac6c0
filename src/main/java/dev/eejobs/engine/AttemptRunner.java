package dev.eejobs.engine;

import dev.eejobs.api.StopReason;
import dev.eejobs.api.spi.JobEvents;
import dev.eejobs.store.ClaimedJob;
import dev.eejobs.store.JobStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs one claimed job to an outcome and writes it with the lease token: success (in batches, by
 * the {@link CompletionBatcher}), retry, dead, or — when shutdown interrupted it — released
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

    AttemptRunner(JobStore store, JobTypes types, Invoker invoker, InFlightJobs inFlight, JobEvents events,
            Clock clock, CompletionBatcher completions, BooleanSupplier draining, HandBacks handBacks,
            Ticker ticker) {
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
    void run(ClaimedJob job) {
        long now = ticker.nanos();
        run(job, now);
    }

    /**
     * @param renewalSentNanos when the claim or the latest successful renewal of the job's lease
     *     was sent, by the {@link Ticker}
     */
    void run(ClaimedJob job, long renewalSentNanos) {
        Instant start = clock.instant();
        JobExecution execution = new JobExecution(job, Thread.currentThread(), renewalSentNanos);
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
        try {
            record(job, execution, failure, start);
        } finally {
            inFlight.remove(execution); // only now: a drain waits for the outcome to be written
        }
        if (failure instanceof VirtualMachineError fatal) {
            throw fatal;
        }
    }

    private void record(ClaimedJob job, JobExecution execution, Throwable failure, Instant start) {
        Instant now = clock.instant();
        Duration runTime = positive(Duration.between(start, now));
        if (execution.stopReason() == StopReason.LEASE_LOST) {
            LOG.info(() -> "job " + job.id() + " was stopped for its lease; its outcome ("
                    + (failure == null ? "returned" : "threw " + failure) + ") is discarded and the attempt handed back");
            handBacks.handBack(job);
            return;
        }
        if (failure == null) {
            completions.submit(job, runTime);
            return;
        }
        if (execution.stopReason() == StopReason.SHUTDOWN || draining.getAsBoolean()) {
            if (!store.release(job.id(), job.leaseToken())) {
                LOG.fine(() -> "job " + job.id() + " was already released by the drain");
            }
            return;
        }
        Instant next = RetryPolicy.nextRunAt(job, now, ThreadLocalRandom.current().nextDouble());
        if (store.fail(job.id(), job.leaseToken(), next, ErrorSummary.of(failure), now)) {
            events.failed(job.type(), job.queue(), runTime, next != null);
            LOG.log(next == null ? Level.WARNING : Level.INFO, failure, () -> "job " + job.id() + " (" + job.type()
                    + ") attempt " + job.attempts() + " failed; " + (next == null ? "it is now DEAD" : "retry at " + next));
        } else {
            fenced(job, "fail");
        }
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
