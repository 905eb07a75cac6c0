package dev.eejobs.store;

import java.time.Instant;

/**
 * A job ready to be inserted, its policy already resolved from call options, annotation and
 * configuration. {@code timeoutMillis} is how long one attempt may run, 0 for no limit.
 */
public record NewJob(
        String type,
        String queue,
        String argumentJson,
        int priority,
        Instant runAt,
        Instant enqueuedAt,
        int maxRetries,
        String backoff,
        long heartbeatMillis,
        String scheduleKey,
        long timeoutMillis) {

    /** A job without a timeout. */
    public NewJob(String type, String queue, String argumentJson, int priority, Instant runAt, Instant enqueuedAt,
            int maxRetries, String backoff, long heartbeatMillis, String scheduleKey) {
        this(type, queue, argumentJson, priority, runAt, enqueuedAt, maxRetries, backoff, heartbeatMillis,
                scheduleKey, 0);
    }
}
