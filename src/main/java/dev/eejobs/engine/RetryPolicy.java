package dev.eejobs.engine;

import dev.eejobs.api.Backoff;
import dev.eejobs.api.JobOptions;
import dev.eejobs.store.ClaimedJob;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides what a failed attempt (or an expired lease) leads to: {@code maxRetries = n} allows n
 * retries after the first attempt, so the job dies when its attempt count exceeds n.
 */
final class RetryPolicy {

    private static final Map<String, Backoff> PARSED = new ConcurrentHashMap<>();

    private RetryPolicy() {}

    /**
     * @param job the job whose latest attempt failed, with that attempt counted
     * @param now the time of the failure
     * @param uniform a random number in [0, 1) for jitter
     * @return when the next attempt may start, or null when the job is out of retries
     */
    static Instant nextRunAt(ClaimedJob job, Instant now, double uniform) {
        int failures = job.attempts();
        if (job.maxRetries() != JobOptions.UNLIMITED && failures > job.maxRetries()) {
            return null;
        }
        Backoff backoff = PARSED.computeIfAbsent(job.backoff(), Backoff::parse);
        return now.plus(backoff.delayAfter(Math.max(1, failures), uniform));
    }
}
