package dev.eejobs.store;

/**
 * A claimed job's identity and fencing token: what a write after the claim must present. Leases
 * are timed by the database's clock: a renewal runs for {@link ClaimedJob#LEASE_INTERVALS} of the
 * job's heartbeat intervals from the moment the database writes it, so no node's clock decides
 * when another node's lease expires.
 *
 * @param id the job
 * @param token the lease token of the claim
 * @param started for a renewal, whether the attempt has started on a worker: the store records
 *     the start (once), and only an attempt whose start is recorded counts when its lease expires
 */
public record Lease(long id, String token, boolean started) {

    /** @return the lease of a claimed job, for a write that needs no start record */
    public static Lease of(ClaimedJob job) {
        return new Lease(job.id(), job.leaseToken(), false);
    }

    /**
     * @param job a claimed job
     * @param started whether its attempt has started on a worker
     * @return a renewal of the job's lease
     */
    public static Lease renewal(ClaimedJob job, boolean started) {
        return new Lease(job.id(), job.leaseToken(), started);
    }
}
