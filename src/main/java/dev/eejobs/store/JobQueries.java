package dev.eejobs.store;

import dev.eejobs.api.JobFilter;
import dev.eejobs.api.JobInfo;
import dev.eejobs.api.JobState;
import dev.eejobs.api.ScheduleSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and operator actions that the HTTP API, health checks and metrics need and the engine
 * does not: filtered listings, counts, deleting a finished job. Kept apart from {@link JobStore}
 * so the engine's port stays as small as its hot path.
 */
public interface JobQueries {

    /**
     * Jobs matching the filter, newest first (by descending id), after a keyset position.
     *
     * @param filter which jobs to include
     * @param beforeId only jobs with an id below this, or null to start at the newest
     * @param limit at most this many
     * @return the page, in descending id order
     */
    List<JobInfo> list(JobFilter filter, Long beforeId, int limit);

    /**
     * A page of the jobs a bulk action works on, oldest id first, after a keyset position.
     *
     * @param filter which jobs to include
     * @param enqueuedBefore only jobs enqueued before this, or null
     * @param afterId only jobs with an id above this
     * @param limit at most this many
     * @return the ids with their queues, in ascending id order
     */
    Map<Long, String> matchingIds(JobFilter filter, Instant enqueuedBefore, long afterId, int limit);

    /**
     * @param filter which jobs to count
     * @param enqueuedBefore only jobs enqueued before this, or null
     * @return how many jobs match
     */
    long count(JobFilter filter, Instant enqueuedBefore);

    /** @return job counts by queue, then by state; states without jobs are absent */
    Map<String, Map<JobState, Long>> countsByQueue();

    /**
     * @param now the current time
     * @return by queue, the earliest run-at time of a QUEUED job already due at {@code now}
     */
    Map<String, Instant> oldestDueByQueue(Instant now);

    /**
     * Deletes a job in a final state (SUCCEEDED, DEAD or CANCELLED).
     *
     * @param id the job's id
     * @return whether a finished job was deleted
     */
    boolean deleteFinished(long id);

    /**
     * @param limit at most this many
     * @return stored schedules by name
     */
    List<ScheduleSpec> schedules(int limit);

    /**
     * @param name a schedule's name
     * @return the schedule, if stored
     */
    Optional<ScheduleSpec> schedule(String name);

    /**
     * Proves the database answers a trivial query of the job table within the timeout.
     *
     * @param timeout how long the query may take
     * @throws RuntimeException if the database cannot be reached or did not answer in time
     */
    void ping(Duration timeout);
}
