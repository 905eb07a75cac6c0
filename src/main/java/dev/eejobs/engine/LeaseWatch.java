package dev.eejobs.engine;

import dev.eejobs.api.DurationText;
import dev.eejobs.api.StopReason;
import dev.eejobs.api.spi.JobEvents;
import dev.eejobs.store.ClaimedJob;
import java.util.logging.Logger;

/**
 * Stops, by this node's own monotonic clock and without asking the database, every attempt whose
 * lease could not be renewed for so long that it may expire in the database within the margin
 * {@link LeaseBudget} sets (the database is unreachable, or this node is cut off from it): the job
 * is interrupted, its outcome discarded and the attempt handed back, so it has stopped before any
 * other node can take the job over. Jobs waiting for a worker are kept from starting. It also
 * interrupts attempts that ran past their timeout. A job still running a margin after it was told
 * to stop (lease, timeout or cancel) ignores interruption; it is reported (log, metric,
 * health), since nothing else can stop it. Runs on a thread of its own, so a renewal stuck on the
 * network cannot hold it up.
 */
final class LeaseWatch implements EngineLoop.Step {

    private static final Logger LOG = Logger.getLogger(LeaseWatch.class.getName());

    private final InFlightJobs inFlight;
    private final WaitingJobs waiting;
    private final LeaseBudget budget;
    private final JobEvents events;
    private final Ticker ticker;

    LeaseWatch(InFlightJobs inFlight, WaitingJobs waiting, LeaseBudget budget, JobEvents events, Ticker ticker) {
        this.inFlight = inFlight;
        this.waiting = waiting;
        this.budget = budget;
        this.events = events;
        this.ticker = ticker;
    }

    @Override
    public boolean runOnce() {
        long now = ticker.nanos();
        for (JobExecution execution : inFlight.snapshot()) {
            if (execution.isFinished()) {
                continue;
            }
            ClaimedJob job = execution.job();
            StopReason stop = execution.stop();
            if (stop != StopReason.LEASE_LOST && budget.mustStop(job, execution.lease().renewalSentNanos(), now)) {
                if (execution.stopForLease(now)) {
                    events.stoppedForLease(job.type(), job.queue());
                    LOG.warning(() -> "job " + job.id() + " (" + job.type() + "): its lease could not be renewed for "
                            + (now - execution.lease().renewalSentNanos()) / 1_000_000 + " ms and may expire within "
                            + budget.margin(job).toMillis() + " ms; interrupting it and handing it back"
                            + " (its outcome will be discarded)");
                }
            } else if (stop == StopReason.NONE) {
                if (execution.timedOut(now) && execution.stopForTimeout(now)) {
                    LOG.info(() -> "job " + job.id() + " (" + job.type() + ") attempt " + job.attempts()
                            + " ran past its timeout of " + DurationText.format(job.timeout()) + "; interrupting it");
                }
            } else if (stop != StopReason.SHUTDOWN && now - execution.stoppedAtNanos() >= budget.margin(job).toNanos()
                    && execution.markStopIgnoredReported()) {
                events.stopIgnored(job.type(), job.queue());
                LOG.severe(() -> "job " + job.id() + " (" + job.type() + ") ignores interruption: still running "
                        + (now - execution.stoppedAtNanos()) / 1_000_000 + " ms after it was stopped ("
                        + ignoredStop(stop) + "). Only jobs that honour interruption (or poll"
                        + " JobContext.stopRequested()) can be stopped.");
            }
        }
        for (WaitingJobs.Waiting w : waiting.all()) {
            if (!w.isLost() && budget.mustStop(w.job(), w.lease().renewalSentNanos(), now)) {
                w.lost();
            }
        }
        return false;
    }

    private static String ignoredStop(StopReason stop) {
        return switch (stop) {
            case LEASE_LOST -> "its lease was lost, so it may now run on another node at the same time";
            case TIMEOUT -> "it ran past its timeout";
            case CANCELLED -> "an operator cancelled it";
            default -> stop.name();
        };
    }
}
