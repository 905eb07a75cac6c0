package dev.eejobs.web;

import dev.eejobs.api.BackgroundJob;
import dev.eejobs.api.Job;
import dev.eejobs.api.JobContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Job types the HTTP tests enqueue over HTTP, beside the engine tests' {@code it-record} and {@code it-long}. */
final class HttpItJobs {

    private HttpItJobs() {}

    /** A test job's argument. */
    public record Key(String key) {}

    /** Fails the first attempt for each key, succeeds on any later one: a DEAD job that an operator's retry rescues. */
    @ApplicationScoped
    @BackgroundJob(name = "it-fail-once", httpEnqueue = true, maxRetries = 0)
    public static class FailOnceJob implements Job<Key> {
        static final Set<String> SEEN = ConcurrentHashMap.newKeySet();

        @Override
        public void run(Key key, JobContext context) {
            if (SEEN.add(key.key())) {
                throw new IllegalStateException("first attempt for " + key.key() + " fails");
            }
        }
    }

    /** Ignores interruption: runs its full time whatever the engine asks. */
    @ApplicationScoped
    @BackgroundJob(name = "it-stubborn", httpEnqueue = true, maxRetries = 0)
    public static class StubbornJob implements Job<Key> {
        @Override
        public void run(Key key, JobContext context) {
            long until = System.nanoTime() + Duration.ofSeconds(6).toNanos();
            while (System.nanoTime() < until) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    // swallowed on purpose: this job ignores interruption
                }
            }
        }
    }
}
