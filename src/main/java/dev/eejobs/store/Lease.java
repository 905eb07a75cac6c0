package dev.eejobs.store;

import java.time.Instant;

/**
 * A claimed job's identity and fencing token: what a write after the claim must present.
 *
 * @param id the job
 * @param token the lease token of the claim
 * @param expiresAt for a renewal, the new expiry; otherwise unused (may be null)
 */
public record Lease(long id, String token, Instant expiresAt) {

    /** @return the lease of a claimed job */
    public static Lease of(ClaimedJob job) {
        return new Lease(job.id(), job.leaseToken(), null);
    }

    /**
     * @param job a claimed job
     * @param now the time of the renewal
     * @return a renewal of the job's lease for another {@link ClaimedJob#LEASE_INTERVALS} intervals
     */
    public static Lease renewal(ClaimedJob job, Instant now) {
        return new Lease(job.id(), job.leaseToken(), job.leaseExpiry(now));
    }
}
