package dev.eejobs.api;

import java.time.Instant;

/**
 * A snapshot of a stored job.
 *
 * @param id the job's id
 * @param type the job type's name
 * @param queue the queue it runs on
 * @param state where it is in its life
 * @param attempts attempts started so far
 * @param maxRetries retries allowed after the first attempt, {@link JobOptions#UNLIMITED} for no limit
 * @param priority higher runs first
 * @param runAt earliest time of the next attempt
 * @param enqueuedAt when it was stored
 * @param startedAt when the latest attempt started, or null
 * @param finishedAt when it reached a final state, or null
 * @param lastError message and stack summary of the latest failed attempt, or null
 * @param argumentJson the argument as stored
 * @param parentId the job this one runs after ({@link JobQueue#enqueueAfter}), or null
 * @param batchId the batch this job belongs to (the id of the batch's on-complete job, which carries
 *     it too), or null
 */
public record JobInfo(
        JobId id,
        String type,
        String queue,
        JobState state,
        int attempts,
        int maxRetries,
        int priority,
        Instant runAt,
        Instant enqueuedAt,
        Instant startedAt,
        Instant finishedAt,
        String lastError,
        String argumentJson,
        JobId parentId,
        Long batchId) {

    /**
     * A snapshot of a job that belongs to no parent and no batch.
     *
     * @param id the job's id
     * @param type the job type's name
     * @param queue the queue it runs on
     * @param state where it is in its life
     * @param attempts attempts started so far
     * @param maxRetries retries allowed after the first attempt
     * @param priority higher runs first
     * @param runAt earliest time of the next attempt
     * @param enqueuedAt when it was stored
     * @param startedAt when the latest attempt started, or null
     * @param finishedAt when it reached a final state, or null
     * @param lastError the latest error, or null
     * @param argumentJson the argument as stored
     */
    public JobInfo(JobId id, String type, String queue, JobState state, int attempts, int maxRetries, int priority,
            Instant runAt, Instant enqueuedAt, Instant startedAt, Instant finishedAt, String lastError,
            String argumentJson) {
        this(id, type, queue, state, attempts, maxRetries, priority, runAt, enqueuedAt, startedAt, finishedAt,
                lastError, argumentJson, null, null);
    }
}
