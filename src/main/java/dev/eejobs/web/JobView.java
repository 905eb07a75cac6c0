package dev.eejobs.web;

import dev.eejobs.api.DurationText;
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
 * @param uniqueKey the job's unique key, or null
 * @param timeout how long one attempt may run, e.g. {@code 30s}, or null for no limit
 * @param cancelRequested whether a cancel was requested while the job ran
 * @param progress the latest progress the job reported, or null
 * @param parentId the job this one runs after, or null
 * @param batchId the batch it belongs to (its on-complete job's id), or null
 */
public record JobView(String id, String type, String queue, String status, int attempts, int maxRetries,
        int priority, String runAt, String enqueuedAt, String startedAt, String finishedAt, String lastError,
        String uniqueKey, String timeout, boolean cancelRequested, ProgressView progress, String parentId,
        String batchId) {

    /**
     * A job's latest progress report.
     *
     * @param percent 0 to 100
     * @param message what it was doing, or null
     */
    public record ProgressView(int percent, String message) {}

    static JobView of(JobInfo job, ErrorDetail detail) {
        return new JobView(job.id().toString(), job.type(), job.queue(), job.state().name(), job.attempts(),
                job.maxRetries(), job.priority(), text(job.runAt()), text(job.enqueuedAt()), text(job.startedAt()),
                text(job.finishedAt()), detail.present(job.lastError()),
                job.uniqueKey(),
                job.timeout() == null ? null : DurationText.format(job.timeout()), job.cancelRequested(),
                job.progress() == null ? null : new ProgressView(job.progress(), job.progressMessage()),
                text(job.parentId()), text(job.batchId()));
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
