package dev.eejobs.store;

import java.time.Duration;
import java.time.Instant;

/**
 * A RUNNING job as its lease holder sees it.
 *
 * @param attempts attempts started, this one included
 * @param leaseToken the fencing token every later write must present
 * @param timeoutMillis how long the attempt may run, 0 for no limit
 */
public record ClaimedJob(
        long id,
        String type,
        String queue,
        String argumentJson,
        int attempts,
        int maxRetries,
        String backoff,
        long heartbeatMillis,
        String leaseToken,
        Instant runAt,
        long timeoutMillis) {

    /** A claimed job without a timeout. */
    public ClaimedJob(long id, String type, String queue, String argumentJson, int attempts, int maxRetries,
            String backoff, long heartbeatMillis, String leaseToken, Instant runAt) {
        this(id, type, queue, argumentJson, attempts, maxRetries, backoff, heartbeatMillis, leaseToken, runAt, 0);
    }

    /** @return how long the attempt may run, or null for no limit */
    public Duration timeout() {
        return timeoutMillis <= 0 ? null : Duration.ofMillis(timeoutMillis);
    }

    /** A lease lives this many heartbeat intervals without a heartbeat. */
    public static final int LEASE_INTERVALS = 5;

    /** @return the heartbeat interval */
    public Duration heartbeat() {
        return Duration.ofMillis(heartbeatMillis);
    }

    /**
     * @param from the time of the claim or the latest heartbeat
     * @return when the lease expires if no further heartbeat arrives
     */
    public Instant leaseExpiry(Instant from) {
        return from.plusMillis(heartbeatMillis * LEASE_INTERVALS);
    }
}
