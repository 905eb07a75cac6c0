package dev.eejobs.bench;

import java.util.Collection;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What a peer's no-op task notes when it runs, by its instance id: a number for a drain's preloaded
 * executions (start and end, so the drain rate comes from the tasks' own times, as eejobs' comes
 * from its jobs' started and finished times), {@code l-<i>} for a latency run (the delay since
 * just before its schedule call), anything else nothing.
 */
final class PeerTaskLog {

    private final String peer;
    private volatile int warmup;
    private volatile long base;
    /** Nanoseconds since {@link #base}, plus one so that 0 means "did not run". */
    private volatile AtomicLongArray starts = new AtomicLongArray(0);
    private volatile AtomicLongArray ends = new AtomicLongArray(0);
    private volatile AtomicLongArray scheduled = new AtomicLongArray(0);
    private volatile Queue<Long> latencies = new ConcurrentLinkedQueue<>();
    /** {@link System#nanoTime()} at the latest end of any other task since {@link #startWindow()}. */
    private final AtomicLong lastEnd = new AtomicLong();

    /** @param peer whose task notes here, for errors */
    PeerTaskLog(String peer) {
        this.peer = peer;
    }

    void startDrain(int warmup, int n) {
        this.warmup = warmup;
        base = System.nanoTime();
        starts = new AtomicLongArray(warmup + n + 1);
        ends = new AtomicLongArray(warmup + n + 1);
    }

    void startLatency(int n) {
        scheduled = new AtomicLongArray(n);
        latencies = new ConcurrentLinkedQueue<>();
    }

    /** Forgets the last end before one-by-one enqueue starts. */
    void startWindow() {
        lastEnd.set(Long.MIN_VALUE);
    }

    /** @return {@link System#nanoTime()} when the last task other than a drain's or latency run's ended */
    long lastEnd() {
        return lastEnd.get();
    }

    void scheduling(int i, long nanos) {
        scheduled.set(i, nanos);
    }

    void ran(String id, long startNanos, long endNanos) {
        if (id.startsWith("l-")) {
            int i = Integer.parseInt(id.substring(2));
            latencies.add(startNanos - scheduled.get(i));
        } else if (!id.isEmpty() && Character.isDigit(id.charAt(0))) {
            int i = Integer.parseInt(id);
            starts.set(i, startNanos - base + 1);
            ends.set(i, endNanos - base + 1);
        } else {
            lastEnd.accumulateAndGet(endNanos, Math::max);
        }
    }

    Collection<Long> latencies() {
        return latencies;
    }

    /** Executions per second after the warm-up: their count over first start to last end. */
    double drainRate() {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        int count = 0;
        for (int i = warmup + 1; i < starts.length(); i++) {
            if (starts.get(i) != 0) {
                count++;
                first = Math.min(first, starts.get(i));
                last = Math.max(last, ends.get(i));
            }
        }
        if (count < starts.length() - warmup - 1) {
            throw new IllegalStateException(peer + ": " + (starts.length() - warmup - 1 - count)
                    + " executions of the drain never ran");
        }
        return count / ((last - first) / 1e9);
    }
}
