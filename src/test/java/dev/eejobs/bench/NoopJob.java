package dev.eejobs.bench;

import dev.eejobs.api.BackgroundJob;
import dev.eejobs.api.Job;
import dev.eejobs.api.JobContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.BitSet;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Does nothing but note which job ids it started (so the several-nodes mode can count jobs started
 * twice, here or on another node) and, for latency runs, how long after its enqueue call it started.
 */
@ApplicationScoped
@BackgroundJob(name = "bench-noop", queue = "bench", httpEnqueue = true)
public class NoopJob implements Job<Tick> {

    static final Map<String, Queue<Long>> PICKUP_NANOS = new ConcurrentHashMap<>();
    /** Ids started on this node; the benchmark ANDs the sets of all nodes. Guarded by itself. */
    static final BitSet STARTED = new BitSet();
    /** Starts of an id this node had already started. */
    static final AtomicLong REPEATED_STARTS = new AtomicLong();

    @Override
    public void run(Tick tick, JobContext context) {
        long id = context.jobId().value();
        if (id <= Integer.MAX_VALUE) {
            synchronized (STARTED) {
                if (STARTED.get((int) id)) {
                    REPEATED_STARTS.incrementAndGet();
                }
                STARTED.set((int) id);
            }
        }
        if (tick.enqueuedNanos() != 0) {
            PICKUP_NANOS.computeIfAbsent(tick.run(), r -> new ConcurrentLinkedQueue<>())
                    .add(System.nanoTime() - tick.enqueuedNanos());
        }
    }
}
