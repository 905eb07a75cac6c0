package dev.eejobs.engine;

import dev.eejobs.store.ClaimedJob;

/**
 * A lease as the node holding it sees it, by its own monotonic clock ({@link Ticker} nanoseconds):
 * when the last renewal that succeeded (or the claim) was sent, and when the next one is due.
 * Running and waiting jobs both hold one.
 */
final class HeldLease {

    private final ClaimedJob job;
    private volatile long renewalSentNanos;
    private volatile long nextHeartbeatNanos;

    /** @param sentNanos when the claim, or the renewal the lease is known by, was sent */
    HeldLease(ClaimedJob job, long sentNanos) {
        this.job = job;
        renewed(sentNanos);
    }

    ClaimedJob job() {
        return job;
    }

    long renewalSentNanos() {
        return renewalSentNanos;
    }

    long nextHeartbeatNanos() {
        return nextHeartbeatNanos;
    }

    /** A renewal sent at {@code sentNanos} succeeded. */
    void renewed(long sentNanos) {
        renewalSentNanos = Math.max(renewalSentNanos, sentNanos);
        nextHeartbeatNanos = sentNanos + job.heartbeat().toNanos();
    }

    boolean heartbeatDue(long nowNanos) {
        return nowNanos >= nextHeartbeatNanos;
    }
}
