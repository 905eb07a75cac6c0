package dev.eejobs.engine;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Spaces a fetcher's claims while its queue runs dry: after a claim that found fewer jobs than it
 * wanted, the next one waits until {@link #GAP_NANOS} after it ended. Each claim is an update
 * committed with a disk flush of its own. A fetcher woken by every enqueue (and every finished job)
 * would claim one job per statement, and PostgreSQL flushes WAL one flush at a time: each caller's
 * commit would queue behind a claim's flush, two flushes per enqueue, and the claims' CPU would
 * compete with the callers' on a small machine. Paced, one claim takes every job enqueued within
 * the gap. A trickle of jobs further apart than the gap (a few hundred a second) is claimed at
 * once, and so is a backlog (a full claim is never paced), so pickup latency grows only while
 * enqueues arrive faster than the gap, and then by at most the gap.
 */
final class ClaimPacing {

    /** Short against the pickup latency budget (5 ms at p99), long against one enqueue (~0.3 ms). */
    static final long GAP_NANOS = TimeUnit.MICROSECONDS.toNanos(
            Long.getLong("eejobs.claimGapMicros", 1_000)); // TODO remove the property before merging

    /** For tests that step a fetcher: claims are never held back. */
    static final ClaimPacing NONE = new ClaimPacing(0, System::nanoTime, LockSupport::parkNanos);

    private final long gapNanos;
    private final LongSupplier nanos;
    private final LongConsumer park;
    private boolean dry;
    private long dryAt;

    /** Paced by the monotonic clock. */
    ClaimPacing(long gapNanos) {
        this(gapNanos, System::nanoTime, LockSupport::parkNanos);
    }

    /**
     * @param nanos a monotonic time in nanoseconds
     * @param park waits about the given nanoseconds (may return early)
     */
    ClaimPacing(long gapNanos, LongSupplier nanos, LongConsumer park) {
        this.gapNanos = gapNanos;
        this.nanos = nanos;
        this.park = park;
    }

    /** Waits out the rest of the gap if the previous claim left the queue dry. The fetcher's thread only. */
    void awaitTurn() {
        if (!dry || gapNanos <= 0) {
            return;
        }
        long due = dryAt + gapNanos;
        for (long rest = due - nanos.getAsLong(); rest > 0; rest = due - nanos.getAsLong()) {
            park.accept(rest); // pacing the next claim, not waiting for a result
        }
    }

    /** Notes whether the claim that just ended got every job it asked for. */
    void claimed(boolean full) {
        dry = !full;
        if (dry) {
            dryAt = nanos.getAsLong();
        }
    }
}
