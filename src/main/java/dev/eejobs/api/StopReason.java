package dev.eejobs.api;

/** Why a running job is asked to stop; see {@link JobContext#stopReason()}. */
public enum StopReason {
    /** Nothing asks the job to stop. */
    NONE,
    /**
     * The server is shutting down and the grace period ran out: the attempt is handed back
     * without counting and runs again later, here or on another node.
     */
    SHUTDOWN,
    /**
     * This node can no longer be sure it holds the job's lease: it could not renew the lease in
     * time (say, the database is unreachable), or the lease was taken back. Another node may start
     * the job soon, so the job must stop now; its outcome is discarded and the attempt is handed
     * back.
     */
    LEASE_LOST,
    /**
     * The attempt ran past the job's timeout ({@link BackgroundJob#timeout()},
     * {@link JobOptions#timeout(java.time.Duration)}): it counts as a failed attempt ("timed out
     * after …") and is retried per the job's retry policy.
     */
    TIMEOUT,
    /**
     * An operator cancelled the job while it ran ({@link JobQueue#cancel(JobId)}): the job ends
     * CANCELLED whatever it returns, and is never retried.
     */
    CANCELLED
}
