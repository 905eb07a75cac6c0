package dev.eejobs.api;

/** How one attempt of a job ended; see {@link JobAttempt}. */
public enum AttemptOutcome {
    /** The job returned normally. */
    SUCCEEDED,
    /** The job threw: the attempt counts as failed and is retried per policy, or the job is DEAD. */
    FAILED,
    /** The attempt ran past the job's timeout and was interrupted; it counts as failed. */
    TIMED_OUT,
    /** An operator cancelled the job while this attempt ran; the job is CANCELLED. */
    CANCELLED,
    /**
     * The node running the attempt stopped renewing its lease (it died, hung or lost the
     * database) and another node took the job back; the attempt counts as failed.
     */
    LEASE_EXPIRED
}
