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
 * @param progress what the job reported since the last write, written with the renewal (fenced
 *     like it)
 */
public record Lease(long id, String token, boolean started, Progress progress) {

    /**
     * @param id the job
     * @param token the lease token of the claim
     * @param started whether the attempt has started on a worker
     */
    public Lease(long id, String token, boolean started) {
        this(id, token, started, Progress.NONE);
    }

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

    /**
     * @param job a claimed job
     * @param started whether its attempt has started on a worker
     * @param progress what it reported since the last write
     * @return a renewal of the job's lease that also writes the progress
     */
    public static Lease renewal(ClaimedJob job, boolean started, Progress progress) {
        return new Lease(job.id(), job.leaseToken(), started, progress);
    }
}
