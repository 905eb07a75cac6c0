package dev.eejobs.engine;

import dev.eejobs.store.ClaimedJob;
import java.time.Duration;

/**
 * How long a node may go on running an attempt by its own monotonic clock after its last
 * successful lease renewal. The database stamps a renewal's lease to expire {@link
 * ClaimedJob#LEASE_INTERVALS} heartbeat intervals after it writes it, which is no earlier than
 * the moment the node sent the renewal; so a node that stops the attempt a margin before that,
 * counted from the sending, has stopped before any reaper can see the lease expire. The margin is
 * one heartbeat interval (time for the interrupted job to stop) plus {@code jobs.lease.clock-skew}
 * (the database's clock running ahead of the node's: a step forward, a drift), capped so a job
 * with a very short heartbeat still gets two intervals to renew in.
 */
final class LeaseBudget {

    private final long skewNanos;

    LeaseBudget(Duration clockSkew) {
        this.skewNanos = clockSkew.toNanos();
    }

    /** @return how long before the lease's expiry in the database the node stops the attempt */
    Duration margin(ClaimedJob job) {
        return Duration.ofNanos(termNanos(job) - stopAfterNanos(job));
    }

    /** @return how long after sending its last successful renewal the node may keep running the attempt */
    long stopAfterNanos(ClaimedJob job) {
        long interval = job.heartbeat().toNanos();
        return Math.max(2 * interval, termNanos(job) - interval - skewNanos);
    }

    /**
     * @param renewalSentNanos when the last successful renewal (or the claim) was sent, by the ticker
     * @param nowNanos the ticker now
     * @return whether the attempt must stop: its lease may expire in the database within the margin
     */
    boolean mustStop(ClaimedJob job, long renewalSentNanos, long nowNanos) {
        return nowNanos - renewalSentNanos >= stopAfterNanos(job);
    }

    private static long termNanos(ClaimedJob job) {
        return job.heartbeat().toNanos() * ClaimedJob.LEASE_INTERVALS;
    }
}
