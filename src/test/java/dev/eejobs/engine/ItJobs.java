package dev.eejobs.engine;

import dev.eejobs.api.BackgroundJob;
import dev.eejobs.api.Job;
import dev.eejobs.api.JobContext;
import dev.eejobs.api.JobQueue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
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

    /** What a job's own transaction should do with the follow-up job it enqueues. */
    public record Followup(String key, boolean fail) {}

    /** Enqueues a follow-up job in a transaction of the job's own, then fails it if asked to. */
    @ApplicationScoped
    public static class FollowupWriter {
        @Inject
        JobQueue jobs;

        @Transactional
        public void enqueueFollowup(Followup followup) {
            jobs.enqueue(RecordJob.class, new Mark(followup.key() + "-followup"));
            if (followup.fail()) {
                throw new IllegalStateException("the job's transaction fails after enqueueing");
            }
        }
    }

    /** Writes through a transaction of its own, as application jobs do. */
    @ApplicationScoped
    @BackgroundJob(name = "it-transactional", maxRetries = 0)
    public static class TransactionalJob implements Job<Followup> {
        @Inject
        FollowupWriter writer;

        @Override
        public void run(Followup followup, JobContext context) {
            record(new Mark(followup.key()));
            writer.enqueueFollowup(followup);
        }
    }
}
