package dev.eejobs.engine;

import dev.eejobs.api.BackgroundJob;
import dev.eejobs.api.Job;
import dev.eejobs.api.JobContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/** Job types the integration tests deploy beside the module. Each records when it ran. */
final class ItJobs {

    private ItJobs() {}

    /** A test job's argument: a key the test picks, so its runs can be found. */
    public record Mark(String key) {}

    /** Start times of every attempt, by mark key. */
    static final Map<String, List<Instant>> RUNS = new ConcurrentHashMap<>();

    static void record(Mark mark) {
        RUNS.computeIfAbsent(mark.key(), k -> new CopyOnWriteArrayList<>()).add(Instant.now());
    }

    static List<Instant> runs(String key) {
        return RUNS.getOrDefault(key, List.of());
    }

    @ApplicationScoped
    @BackgroundJob(name = "it-record", httpEnqueue = true)
    public static class RecordJob implements Job<Mark> {
        @Override
        public void run(Mark mark, JobContext context) {
            record(mark);
        }
    }

    @ApplicationScoped
    @BackgroundJob(name = "it-fail", maxRetries = 2, backoff = "exponential(2)")
    public static class FailJob implements Job<Mark> {
        @Override
        public void run(Mark mark, JobContext context) {
            record(mark);
            throw new IllegalStateException("it-fail attempt " + context.attempt());
        }
    }

    /** Throws a VM-fatal error on its first attempt only: that kills the worker loop running it. */
    @ApplicationScoped
    @BackgroundJob(name = "it-fatal", maxRetries = 3, backoff = "fixed(100ms)")
    public static class FatalOnceJob implements Job<Mark> {
        static final AtomicBoolean CRASHED = new AtomicBoolean();

        @Override
        public void run(Mark mark, JobContext context) {
            record(mark);
            if (CRASHED.compareAndSet(false, true)) {
                throw new InternalError("simulated VM failure");
            }
        }
    }

    /** Runs until interrupted or told to stop: what a shutdown has to deal with. */
    @ApplicationScoped
    @BackgroundJob(name = "it-long", httpEnqueue = true, maxRetries = 0, heartbeat = "1s")
    public static class LongJob implements Job<Mark> {
        @Override
        public void run(Mark mark, JobContext context) throws InterruptedException {
            record(mark);
            while (!context.stopRequested()) {
                Thread.sleep(50);
            }
        }
    }
}
