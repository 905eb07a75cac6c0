package dev.eejobs.bench;

import dev.eejobs.api.BackgroundJob;
import dev.eejobs.api.Job;
import dev.eejobs.api.JobContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Does nothing but note, for latency runs, how long after its enqueue call it started. */
@ApplicationScoped
@BackgroundJob(name = "bench-noop", queue = "bench", httpEnqueue = true)
public class NoopJob implements Job<Tick> {

    static final Map<String, Queue<Long>> PICKUP_NANOS = new ConcurrentHashMap<>();

    @Override
    public void run(Tick tick, JobContext context) {
        if (tick.enqueuedNanos() != 0) {
            PICKUP_NANOS.computeIfAbsent(tick.run(), r -> new ConcurrentLinkedQueue<>())
                    .add(System.nanoTime() - tick.enqueuedNanos());
        }
    }
}
