package dev.eejobs.api;

import java.util.List;

/**
 * A batch stored with an on-complete job ({@link JobQueue#enqueueAll(Class, List, JobOptions,
 * Class, Object)}). The on-complete job's id is the batch's id: every job of the batch carries it
 * as its {@link JobInfo#batchId()}.
 *
 * @param id the batch's id, which is its on-complete job's id
 * @param jobs the batch's jobs, in argument order
 */
public record JobBatch(JobId id, List<JobId> jobs) {

    /**
     * @param id the batch's id
     * @param jobs the batch's jobs
     */
    public JobBatch {
        jobs = List.copyOf(jobs);
    }
}
