package dev.eejobs.engine;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/**
 * Spaces the statements of a loop that writes in batches while its batches come out small: after
 * a batch that was not full, the next one waits until the gap has passed since it ended. A full
 * batch (a backlog) is never held back, and work further apart than the gap is written at once.
 *
 * <p>The fetcher's claims are paced by {@link #CLAIM_GAP_NANOS}. Each claim is an update committed
 * with a disk flush of its own, and PostgreSQL flushes WAL one flush at a time: a fetcher woken by
 * every enqueue (and every finished job) would claim one job per statement, each caller's commit
 * would queue behind a claim's flush (two flushes per enqueue), and the claims' CPU would compete
 * with the callers' on a small machine. Paced, one claim takes every job enqueued within the gap.
 * A claim that found nothing does not count as small (the queue is idle, not trickling), so a job
 * enqueued after a quiet spell is claimed at once, and pickup latency grows only while enqueues
 * arrive faster than the gap, and then by at most the gap.
 *
 * <p>Completions are paced by {@link #COMPLETION_GAP_NANOS}: they commit without a flush already,
 * so pacing them saves statements, i.e. database CPU beside the callers, and delays only the moment
 * a finished job shows as SUCCEEDED (and its continuations become due). A completion statement is
 * the heaviest per batch (it locks the rows, writes the outcome, and settles continuations and
 * batches), so its gap is longer than the claims'.
 */
final class BatchPacing {

    /** Short against the pickup latency budget (5 ms at p99), long against one enqueue (~0.3 ms). */
    static final long CLAIM_GAP_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    /**
     * A job's outcome is written at most this much later. At 1 ms a node running a thousand jobs a
     * second wrote them one or two per statement, and with several engines on two cores those
     * statements took CPU from the callers; at 5 ms about five share one. Pickup latency is not
     * affected: it is the claims' gap.
     */
    static final long COMPLETION_GAP_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    /** For tests that step a loop: batches are never held back. */
    static final BatchPacing NONE = new BatchPacing(0, Ticker.SYSTEM, LockSupport::parkNanos);

    private final long gapNanos;
    private final Ticker ticker;
    private final LongConsumer park;
    private volatile boolean dry; // volatile: a shutdown flush may run on another thread than the loop
    private volatile long dryAt;

    /** Paced by the JVM's monotonic clock. */
    BatchPacing(long gapNanos) {
        this(gapNanos, Ticker.SYSTEM, LockSupport::parkNanos);
    }

    /**
     * @param ticker the monotonic clock the gap is measured with
     * @param park waits about the given nanoseconds (may return early)
     */
    BatchPacing(long gapNanos, Ticker ticker, LongConsumer park) {
        this.gapNanos = gapNanos;
        this.ticker = ticker;
        this.park = park;
    }

    /** Waits out the rest of the gap if the previous batch was not full. The loop's own thread only. */
    void awaitTurn() {
        if (!dry || gapNanos <= 0) {
            return;
        }
        long due = dryAt + gapNanos;
        for (long rest = due - ticker.nanos(); rest > 0; rest = due - ticker.nanos()) {
            park.accept(rest); // pacing the next statement, not waiting for a result
        }
    }

    /** Notes whether the batch just written was full (a claim got every job it asked for). */
    void ended(boolean full) {
        dry = !full;
        if (dry) {
            dryAt = ticker.nanos();
        }
    }
}
