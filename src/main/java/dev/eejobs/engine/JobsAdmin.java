package dev.eejobs.engine;

import dev.eejobs.api.JobFilter;
import dev.eejobs.api.JobInfo;
import dev.eejobs.api.JobState;
import dev.eejobs.api.ScheduleOverlap;
import dev.eejobs.api.ScheduleSpec;
import dev.eejobs.config.EngineClock;
import dev.eejobs.config.JobsConfig;
import dev.eejobs.store.JobQueries;
import dev.eejobs.store.DashboardQueries;
import dev.eejobs.store.NodeRegistry;
import dev.eejobs.store.JobStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
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

    /** @return whether {@code failure} comes from the jobs database being out of reach (see {@link DatabaseUnreachable}) */
    public static boolean databaseUnreachable(Throwable failure) {
        return DatabaseUnreachable.causes(failure);
    }

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

    @Inject
    NodeRegistry nodeRegistry;

    @Inject
    DashboardQueries dashboard;

    @Inject
    JobsConfig config;

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

    /**
     * A continuation of a job.
     *
     * @param id its id
     * @param type its job type
     * @param state its state
     */
    public record ChildJob(long id, String type, JobState state) {}

    /** Most continuations of one job listed. */
    public static final int MAX_CHILDREN = 200;

    /**
     * @param parentId a job's id
     * @return the jobs enqueued to run after it, by id, at most {@link #MAX_CHILDREN}
     */
    public List<ChildJob> children(long parentId) {
        return dashboard.children(parentId, MAX_CHILDREN).stream()
                .map(c -> new ChildJob(c.id(), c.type(), JobState.valueOf(c.state()))).toList();
    }

    /**
     * One node of the cluster as the node registry shows it.
     *
     * @param name the node's name (as on the leases it takes)
     * @param version the module's version there
     * @param queues its queues: name, workers, busy workers
     * @param workers workers over all its queues
     * @param busy of those, busy at its last heartbeat
     * @param startedAt when its engine started
     * @param heartbeatAt its last heartbeat, by its own clock
     * @param draining whether it is shutting down
     * @param gone whether its heartbeat is overdue by more than {@link #NODE_GONE_AFTER} heartbeats (plus 5 s
     *     for clock skew): it died or lost the database; its row is pruned an hour after its last heartbeat
     * @param self whether it is the node answering
     */
    public record NodeSummary(String name, String version, List<QueueSummaryLoad> queues, int workers, int busy,
            Instant startedAt, Instant heartbeatAt, boolean draining, boolean gone, boolean self) {}

    /**
     * @param name a queue
     * @param workers a node's workers on it
     * @param busy of those, busy
     */
    public record QueueSummaryLoad(String name, int workers, int busy) {}

    /** Heartbeat intervals without a renewal after which a node shows as gone. */
    public static final int NODE_GONE_AFTER = 3;

    /** @return every node in the registry, by name */
    public List<NodeSummary> nodes() {
        Instant now = clock.instant();
        Duration goneAfter = config.heartbeat().multipliedBy(NODE_GONE_AFTER).plusSeconds(5);
        String self = supervisor.nodeName();
        return nodeRegistry.nodes().stream().map(n -> new NodeSummary(n.name(), n.version(),
                n.queues().stream().map(q -> new QueueSummaryLoad(q.name(), q.workers(), q.busy())).toList(),
                n.workers(), n.busy(), n.startedAt(), n.heartbeatAt(), n.draining(),
                n.heartbeatAt() == null || n.heartbeatAt().plus(goneAfter).isBefore(now), n.name().equals(self)))
                .toList();
    }

    /**
     * Jobs finished in one minute.
     *
     * @param minute the minute's start
     * @param succeeded jobs that SUCCEEDED
     * @param dead jobs that went DEAD
     * @param cancelled jobs CANCELLED
     * @param failedAttempts attempts that failed, timed out or lost their lease (retried or not)
     */
    public record FinishedMinute(Instant minute, long succeeded, long dead, long cancelled, long failedAttempts) {}

    /**
     * @param minutes how many minutes back, the current one included
     * @return one entry per minute, oldest first, every minute present (zeros where nothing finished)
     */
    public List<FinishedMinute> finishedPerMinute(int minutes) {
        Instant current = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        Instant since = current.minus(Duration.ofMinutes(minutes - 1L));
        Map<Instant, DashboardQueries.Minute> found = new LinkedHashMap<>();
        dashboard.finishedPerMinute(since).forEach(m -> found.put(m.minute(), m));
        List<FinishedMinute> all = new ArrayList<>();
        for (Instant m = since; !m.isAfter(current); m = m.plus(Duration.ofMinutes(1))) {
            DashboardQueries.Minute f = found.get(m);
            all.add(f == null ? new FinishedMinute(m, 0, 0, 0, 0)
                    : new FinishedMinute(m, f.succeeded(), f.dead(), f.cancelled(), f.failedAttempts()));
        }
        return all;
    }
}
