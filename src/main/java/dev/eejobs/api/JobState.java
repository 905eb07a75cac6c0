package dev.eejobs.api;

/** Where a job is in its life. */
public enum JobState {
    /** Waiting to run, now or at its run-at time (scheduled and retrying jobs included). */
    QUEUED,
    /** Claimed by a worker holding a live lease. */
    RUNNING,
    /** Finished without error; kept for the retention window. */
    SUCCEEDED,
    /** Out of retries; kept with its last error until an operator retries or deletes it. */
    DEAD,
    /** Cancelled before it ran. */
    CANCELLED;

    /** @return whether the job will never run again without an operator */
    public boolean isFinal() {
        return this == SUCCEEDED || this == DEAD || this == CANCELLED;
    }
}
