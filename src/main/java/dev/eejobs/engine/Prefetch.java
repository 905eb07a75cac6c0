package dev.eejobs.engine;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many claimed jobs of a queue may wait for a worker: about {@link #WINDOW_NANOS} of work per
 * worker at the queue's recent run time, never more than the configured cap. Short jobs get deep
 * prefetch — a busy queue claims dozens per statement — while long ones get little, so a node
 * does not sit on jobs that idle workers of another node could start now. The estimate follows
 * longer run times at once: a run longer than the average moves it half way there, and a run
 * still in progress counts with its age so far, so the first long job stops further prefetching
 * before it even ends. Shorter run times are followed slowly (each run weighs 1/16), so one quick
 * job among long ones does not open the gates.
 */
final class Prefetch {

    /** Work kept waiting per worker: a few claim round trips. */
    static final long WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final int workers;
    private final int cap;
    private final Ticker ticker;
    private final Map<Long, Long> running = new ConcurrentHashMap<>();
    private final AtomicLong runIds = new AtomicLong();
    /** Moving average of attempt run times; it starts at the window, i.e. one waiting job per worker. */
    private volatile long averageNanos = WINDOW_NANOS;

    Prefetch(int workers, int cap) {
        this(workers, cap, Ticker.SYSTEM);
    }

    Prefetch(int workers, int cap, Ticker ticker) {
        this.workers = workers;
        this.cap = cap;
        this.ticker = ticker;
    }

    /** @return the id of a run that starts now, for {@link #ran(long)} */
    long started() {
        long id = runIds.incrementAndGet();
        running.put(id, ticker.nanos());
        return id;
    }

    /** The run ended: its run time goes into the average. */
    void ran(long runId) {
        Long start = running.remove(runId);
        if (start != null) {
            fold(ticker.nanos() - start);
        }
    }

    /** Folds one attempt's run time into the average: longer ones weigh 1/2, shorter ones 1/16. */
    void fold(long nanos) {
        long average = averageNanos;
        long n = Math.max(0, nanos);
        long weight = n > average ? 2 : 16;
        averageNanos = average + (n - average) / weight; // a lost update between workers is harmless
    }

    /** @return the queue's workers on this node */
    int workers() {
        return workers;
    }

    /** @return the configured ceiling, which sizes the queue's slots */
    int cap() {
        return cap;
    }

    /** @return how many jobs may wait now */
    int current() {
        long now = ticker.nanos();
        long estimate = averageNanos;
        for (long start : running.values()) {
            estimate = Math.max(estimate, now - start);
        }
        long perWorker = WINDOW_NANOS / Math.max(1, estimate);
        return (int) Math.min(cap, workers * perWorker);
    }
}
