package dev.eejobs.engine;

import dev.eejobs.api.JobFilter;
import dev.eejobs.api.JobInfo;
import dev.eejobs.api.JobState;
import dev.eejobs.api.ScheduleOverlap;
import dev.eejobs.api.ScheduleSpec;
import dev.eejobs.config.EngineClock;
import dev.eejobs.store.JobQueries;
import dev.eejobs.store.JobStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an operator's tools need beyond {@link dev.eejobs.api.JobQueue}: listings, an overview of
 * the queues, schedules declared from JSON, deleting finished jobs, and which types take HTTP
 * enqueues. The HTTP API reaches the engine and the store through this class only (the
 * architecture test holds it to that), so the engine's internals stay free to change.
 */
@ApplicationScoped
public class JobsAdmin {

    /** Longest schedule name; one longer than this cannot have been stored. */
    public static final int MAX_SCHEDULE_NAME = JsonSchedules.MAX_NAME;

    @Inject
    JobQueries queries;

    @Inject
    JsonSchedules schedules;

    @Inject
    JobTypeExtension registered;

    @Inject
    JobSupervisor supervisor;

    @Inject
    JobStore store;

    @Inject
    @EngineClock
    Clock clock;

    /**
     * One queue as the cluster and this node see it.
     *
     * @param name the queue
     * @param counts jobs by state, every state present (0 when none), from the database
     * @param oldestDue the due time of the queue's oldest due QUEUED job, or null
     * @param workers this node's workers on the queue
     * @param busy of those, the ones running a job now
     * @param readAt when the figures were read
     * @param paused whether the queue is paused (for every node)
     */
    public record QueueSummary(String name, Map<JobState, Long> counts, Instant oldestDue, int workers, int busy,
            Instant readAt, boolean paused) {}

    /**
     * @param name a valid queue name
     * @return the queue, with zero counts and no workers if it has neither
     */
    public QueueSummary queue(String name) {
        return queues(name).stream().filter(q -> q.name().equals(name)).findFirst().orElseThrow();
    }

    /** @return every queue with jobs in the database, workers on this node, or a pause, by name */
    public List<QueueSummary> queues() {
        return queues(null);
    }

    private List<QueueSummary> queues(String alsoThis) {
        Instant now = clock.instant();
        Map<String, Map<JobState, Long>> counts = queries.countsByQueue();
        Set<String> paused = store.pausedQueues();
        Map<String, Instant> oldest = queries.oldestDueByQueue(now);
        Map<String, EngineStatus.Queue> local = new LinkedHashMap<>();
        supervisor.status().queues().forEach(q -> local.put(q.name(), q));
        TreeSet<String> names = new TreeSet<>(counts.keySet());
        names.addAll(local.keySet());
        names.addAll(paused);
        if (alsoThis != null) {
            names.add(alsoThis);
        }
        return names.stream().map(name -> {
            Map<JobState, Long> byState = new EnumMap<>(JobState.class);
            for (JobState state : JobState.values()) {
                byState.put(state, counts.getOrDefault(name, Map.of()).getOrDefault(state, 0L));
            }
            EngineStatus.Queue workers = local.getOrDefault(name, new EngineStatus.Queue(name, 0, 0));
            return new QueueSummary(name, byState, oldest.get(name), workers.workers(), workers.busy(), now,
                    paused.contains(name));
        }).toList();
    }

    /**
     * @param filter which jobs
     * @param beforeId only jobs with an id below this, or null for the newest
     * @param limit at most this many
     * @return matching jobs, newest first
     */
    public List<JobInfo> list(JobFilter filter, Long beforeId, int limit) {
        return queries.list(filter, beforeId, limit);
    }

    /**
     * @param id a job id
     * @return whether a SUCCEEDED, DEAD or CANCELLED job with that id was deleted
     */
    public boolean deleteFinished(long id) {
        return queries.deleteFinished(id);
    }

    /**
     * @param limit at most this many
     * @return the schedules, by name
     */
    public List<ScheduleSpec> schedules(int limit) {
        return queries.schedules(limit);
    }

    /**
     * @param name any text
     * @return the schedule of that name, if one is stored
     */
    public Optional<ScheduleSpec> schedule(String name) {
        return name.length() > MAX_SCHEDULE_NAME ? Optional.empty() : queries.schedule(name);
    }

    /**
     * @param name a schedule name
     * @return whether a schedule may have it
     */
    public static boolean isValidScheduleName(String name) {
        return JsonSchedules.isValidName(name);
    }

    /**
     * Creates or replaces an interval schedule whose argument is JSON.
     *
     * @return whether it was created (false: replaced)
     * @see JsonSchedules#every
     */
    public boolean every(String name, Duration interval, String typeName, String argumentJson,
            ScheduleOverlap overlap) {
        return schedules.every(name, interval, typeName, argumentJson, overlap);
    }

    /**
     * Creates or replaces a cron schedule whose argument is JSON.
     *
     * @return whether it was created (false: replaced)
     * @see JsonSchedules#cron
     */
    public boolean cron(String name, String expression, ZoneId zone, String typeName, String argumentJson,
            ScheduleOverlap overlap) {
        return schedules.cron(name, expression, zone, typeName, argumentJson, overlap);
    }

    /**
     * @param type a job type name
     * @return whether that type is registered and declared {@code httpEnqueue = true}
     */
    public boolean acceptsHttpEnqueue(String type) {
        return registered.acceptsHttpEnqueue(type);
    }
}
