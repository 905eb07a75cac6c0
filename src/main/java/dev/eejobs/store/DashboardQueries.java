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
     */
    record Minute(Instant minute, long succeeded, long dead, long cancelled) {}

    /**
     * @param since the first minute counted (its start)
     * @return one entry per minute that had finished jobs, in time order; minutes without any are absent.
     *     Jobs already pruned ({@code jobs.retention.succeeded}) are not counted.
     */
    List<Minute> finishedPerMinute(Instant since);
}
