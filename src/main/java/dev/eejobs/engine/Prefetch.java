package dev.eejobs.engine;

import java.util.concurrent.TimeUnit;

/**
 * How many claimed jobs of a queue may wait for a worker: about {@link #WINDOW_NANOS} of work per
 * worker at the queue's recent run time, never more than the configured cap. Short jobs get deep
 * prefetch — a busy queue claims dozens per statement — while long ones get little, so a node
 * does not sit on jobs that idle workers of another node could start now.
 */
final class Prefetch {

    /** Work kept waiting per worker: a few claim round trips. */
    static final long WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final int workers;
    private final int cap;
    /** Moving average of attempt run times; it starts at the window, i.e. one waiting job per worker. */
    private volatile long averageNanos = WINDOW_NANOS;

    Prefetch(int workers, int cap) {
        this.workers = workers;
        this.cap = cap;
    }

    /** Folds one attempt's run time into the average (each attempt weighs 1/16). */
    void ran(long nanos) {
        long average = averageNanos;
        averageNanos = average + (Math.max(0, nanos) - average) / 16; // a lost update between workers is harmless
    }

    /** @return the configured ceiling, which sizes the queue's slots */
    int cap() {
        return cap;
    }

    /** @return how many jobs may wait now */
    int current() {
        long perWorker = WINDOW_NANOS / Math.max(1, averageNanos);
        return (int) Math.min(cap, workers * perWorker);
    }
}
