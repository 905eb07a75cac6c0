package dev.eejobs.store;

import java.time.Instant;

/**
 * A job ready to be inserted, its policy already resolved from call options, annotation and
 * configuration.
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
        String scheduleKey) {}
