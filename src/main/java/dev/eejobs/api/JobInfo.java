package dev.eejobs.api;

import java.time.Duration;
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
 * @param uniqueKey the job's unique key (see {@link JobOptions#uniqueKey}), or null
 * @param timeout how long one attempt may run before it is interrupted and counts as failed, or
 *     null for no limit
 * @param cancelRequested whether an operator asked to cancel the job while it ran (it ends
 *     CANCELLED once its node stops it)
 * @param progress the latest percentage the job reported ({@link JobContext#progress}), or null
 * @param progressMessage the message of that report, or null
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
        String uniqueKey,
        Duration timeout,
        boolean cancelRequested,
        Integer progress,
        String progressMessage,
        JobId parentId,
        Long batchId) {

    /**
     * A snapshot without unique key, timeout, cancel request, progress, parent or batch.
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
     * @param lastError the latest failure, or null
     * @param argumentJson the argument as stored
     */
    public JobInfo(JobId id, String type, String queue, JobState state, int attempts, int maxRetries, int priority,
            Instant runAt, Instant enqueuedAt, Instant startedAt, Instant finishedAt, String lastError,
            String argumentJson) {
        this(id, type, queue, state, attempts, maxRetries, priority, runAt, enqueuedAt, startedAt, finishedAt,
                lastError, argumentJson, null, null, false, null, null, null, null);
    }
}
