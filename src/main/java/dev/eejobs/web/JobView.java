package dev.eejobs.web;

import dev.eejobs.api.JobInfo;

/**
 * A job as the API shows it.
 *
 * @param id the job's id
 * @param type the job type
 * @param queue the queue
 * @param status the state
 * @param attempts attempts started
 * @param maxRetries retries allowed, -1 for unlimited
 * @param priority higher runs first
 * @param runAt earliest next run, ISO-8601
 * @param enqueuedAt when stored
 * @param startedAt latest attempt's start, or null
 * @param finishedAt when it reached a final state, or null
 * @param lastError the latest failure as {@code jobs.http.error-detail} shows it, or null
 * @param parentId the job this one runs after, or null
 * @param batchId the batch it belongs to (its on-complete job's id), or null
 */
public record JobView(String id, String type, String queue, String status, int attempts, int maxRetries,
        int priority, String runAt, String enqueuedAt, String startedAt, String finishedAt, String lastError,
        String parentId, String batchId) {

    static JobView of(JobInfo job, ErrorDetail detail) {
        return new JobView(job.id().toString(), job.type(), job.queue(), job.state().name(), job.attempts(),
                job.maxRetries(), job.priority(), text(job.runAt()), text(job.enqueuedAt()), text(job.startedAt()),
                text(job.finishedAt()), detail.present(job.lastError()), text(job.parentId()), text(job.batchId()));
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
