package dev.eejobs.store;

import java.time.Instant;
import java.util.List;

/**
 * Reads for the dashboard beyond {@link JobQueries}, each served by an index on the columns it
 * filters or groups by, so it stays fast with millions of rows.
 */
public interface DashboardQueries {

    /**
     * Jobs that reached a final state in one minute.
     *
     * @param minute the minute's start (UTC, whole minutes)
     * @param succeeded jobs that finished SUCCEEDED in it
     * @param dead jobs that ran out of retries in it
     * @param cancelled jobs cancelled in it
     * @param failedAttempts attempts that failed, timed out or lost their lease in it (retried or not)
     */
    record Minute(Instant minute, long succeeded, long dead, long cancelled, long failedAttempts) {}

    /**
     * A continuation of a job.
     *
     * @param id its id
     * @param type its job type
     * @param state its state
     */
    record Child(long id, String type, String state) {}

    /**
     * @param parentId a job's id
     * @param limit at most this many
     * @return the jobs enqueued to run after it, by id
     */
    List<Child> children(long parentId, int limit);

    /**
     * @param since the first minute counted (its start)
     * @return one entry per minute that had finished jobs, in time order; minutes without any are absent.
     *     Jobs already pruned ({@code jobs.retention.succeeded}) are not counted.
     */
    List<Minute> finishedPerMinute(Instant since);
}
