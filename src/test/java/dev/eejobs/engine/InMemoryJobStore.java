package dev.eejobs.engine;

import dev.eejobs.api.JobAttempt;
import dev.eejobs.api.JobId;
import dev.eejobs.api.JobInfo;
import dev.eejobs.api.JobLogLine;
import dev.eejobs.api.JobState;
import dev.eejobs.api.ScheduleOverlap;
import dev.eejobs.api.ScheduleSpec;
import dev.eejobs.store.AttemptEnd;
import dev.eejobs.store.ClaimedJob;
import dev.eejobs.store.ExpiredLease;
import dev.eejobs.store.InsertOutcome;
import dev.eejobs.store.JobStore;
import dev.eejobs.store.JobTransition;
import dev.eejobs.store.Lease;
import dev.eejobs.store.NewJob;
import dev.eejobs.store.Progress;
import dev.eejobs.store.Renewals;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The storage port in memory, for stepping the engine in unit tests. Follows {@link JobTransition}.
 * Leases are timed by {@code databaseClock}, as a real store times them by the database's clock.
 */
final class InMemoryJobStore implements JobStore {

    static final class Row {
        long id;
        NewJob job;
        JobState state = JobState.QUEUED;
        Instant runAt;
        int attempts;
        String token;
        Instant leaseExpiresAt;
        Instant finishedAt;
        String lastError;
        Instant startRecordedAt;
        int expiriesUnstarted;
        String uniqueKey;
        String owner;
        Instant startedAt;
        Instant cancelRequestedAt;
        Integer progress;
        String progressMessage;
        final List<JobAttempt> history = new ArrayList<>();
        final List<JobLogLine> log = new ArrayList<>();
        Long parentId;
        Long batchId;

        /** Whether this job holds its unique key now (the real stores' {@code unique_active}). */
        boolean holds(String type, String key) {
            return uniqueKey != null && uniqueKey.equals(key) && job.type().equals(type)
                    && JobTransition.ACTIVE.contains(state);
        }
    }

    private final Set<String> paused = new TreeSet<>();

    private final Clock databaseClock;
    private volatile boolean unreachable;

    /** While true, renewals and hand-backs fail as if the database were down. */
    void unreachable(boolean value) {
        unreachable = value;
    }

    private void reach() {
        if (unreachable) {
            throw new IllegalStateException("database unreachable (test)");
        }
    }

    InMemoryJobStore(Clock databaseClock) {
        this.databaseClock = databaseClock;
    }

    private final Map<Long, Row> rows = new TreeMap<>();
    private final Map<String, ScheduleSpec> schedules = new LinkedHashMap<>();
    private long nextId = 1;

    @Override
    public synchronized List<Long> insert(List<NewJob> jobs) {
        List<Long> ids = new ArrayList<>();
        for (NewJob job : jobs) {
            if (job.scheduleKey() != null
                    && rows.values().stream().anyMatch(r -> job.scheduleKey().equals(r.job.scheduleKey()))) {
                throw new IllegalStateException("duplicate schedule key " + job.scheduleKey());
            }
            Row row = new Row();
            row.id = nextId++;
            row.job = job;
            row.runAt = job.runAt();
            rows.put(row.id, row);
            ids.add(row.id);
        }
        return ids;
    }

    @Override
    public synchronized List<InsertOutcome> insertUnique(List<NewJob> jobs, List<String> keys,
            Instant succeededSince) {
        List<InsertOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            outcomes.add(insertOneUnique(jobs.get(i), keys.get(i), succeededSince));
        }
        return outcomes;
    }

    private InsertOutcome insertOneUnique(NewJob job, String uniqueKey, Instant succeededSince) {
        for (Row r : rows.values()) {
            if (r.holds(job.type(), uniqueKey) || succeededSince != null && r.uniqueKey != null
                    && r.uniqueKey.equals(uniqueKey) && r.job.type().equals(job.type())
                    && r.state == JobState.SUCCEEDED && !r.finishedAt.isBefore(succeededSince)) {
                return new InsertOutcome(r.id, false);
            }
        }
        long id = insert(List.of(job)).get(0);
        rows.get(id).uniqueKey = uniqueKey;
        return new InsertOutcome(id, true);
    }

    @Override
    public synchronized boolean setQueuePaused(String queue, boolean pause, Instant now) {
        return pause ? paused.add(queue) : paused.remove(queue);
    }

    @Override
    public synchronized Set<String> pausedQueues() {
        return Set.copyOf(paused);
    }

    @Override
    public synchronized List<ClaimedJob> claim(String queue, Collection<String> types, int limit, String owner,
            Instant now) {
        if (paused.contains(queue)) {
            return List.of();
        }
        List<Row> due = rows.values().stream()
                .filter(r -> r.state == JobState.QUEUED && r.job.queue().equals(queue) && !r.runAt.isAfter(now)
                        && types.contains(r.job.type()))
                .sorted(Comparator.<Row>comparingInt(r -> -r.job.priority()).thenComparing(r -> r.runAt)
                        .thenComparingLong(r -> r.id))
                .limit(limit).toList();
        List<ClaimedJob> claimed = new ArrayList<>();
        for (Row r : due) {
            r.state = JobTransition.CLAIM.apply(r.state);
            r.attempts++;
            r.token = UUID.randomUUID().toString();
            r.leaseExpiresAt = databaseClock.instant().plusMillis(r.job.heartbeatMillis() * ClaimedJob.LEASE_INTERVALS);
            r.startRecordedAt = null;
            r.owner = owner;
            r.startedAt = now;
            claimed.add(claimed(r));
        }
        return claimed;
    }

    private static ClaimedJob claimed(Row r) {
        return new ClaimedJob(r.id, r.job.type(), r.job.queue(), r.job.argumentJson(), r.attempts,
                r.job.maxRetries(), r.job.backoff(), r.job.heartbeatMillis(), r.token, r.runAt, r.job.timeoutMillis());
    }

    private Row leased(long id, String token) {
        Row r = rows.get(id);
        return r != null && r.state == JobState.RUNNING && token.equals(r.token) ? r : null;
    }

    private int batchWrites;

    @Override
    public synchronized Renewals renew(List<Lease> renewals) {
        reach();
        Set<Long> renewed = new HashSet<>();
        Set<Long> cancel = new HashSet<>();
        Instant now = databaseClock.instant();
        for (Lease lease : renewals) {
            Row r = leased(lease.id(), lease.token());
            if (r != null) {
                r.leaseExpiresAt = now.plusMillis(r.job.heartbeatMillis() * ClaimedJob.LEASE_INTERVALS);
                if (lease.started() && r.startRecordedAt == null) {
                    r.startRecordedAt = now;
                }
                renewed.add(lease.id());
                reported(r, lease.progress());
                if (r.cancelRequestedAt != null) {
                    cancel.add(lease.id());
                }
            } else if (rows.containsKey(lease.id()) && lease.progress() != null) {
                rows.get(lease.id()).log.addAll(lease.progress().lines()); // lines are kept, progress is not
            }
        }
        return new Renewals(renewed, cancel);
    }

    private static void reported(Row r, Progress progress) {
        if (progress == null) {
            return;
        }
        if (progress.percent() != null) {
            r.progress = progress.percent();
            r.progressMessage = progress.message();
        }
        r.log.addAll(progress.lines());
    }

    private static void ended(Row r, AttemptEnd end) {
        reported(r, end.progress());
        if (end.attempt() != null) {
            r.history.add(end.attempt());
        }
    }

    @Override
    public synchronized Set<Long> succeedAttempts(List<AttemptEnd> ends, Instant now, boolean keep) {
        batchWrites++;
        Set<Long> written = new HashSet<>();
        for (AttemptEnd end : ends) {
            Lease lease = end.lease();
            Row r = leased(lease.id(), lease.token());
            if (r == null) {
                continue;
            }
            written.add(lease.id());
            if (!keep) {
                r.state = JobState.SUCCEEDED; // settled as if kept, then removed
                settle(Set.of(r.id), now);
                rows.remove(lease.id());
                continue;
            }
            r.state = JobTransition.SUCCEED.apply(r.state);
            r.finishedAt = now;
            r.token = null;
            ended(r, end);
        }
        settle(written, now);
        return written;
    }

    /** @return how many completion batches were written */
    synchronized int batchWrites() {
        return batchWrites;
    }

    @Override
    public synchronized boolean fail(AttemptEnd end, Instant nextRunAt, String error, Instant now) {
        Row r = leased(end.lease().id(), end.lease().token());
        if (r == null) {
            return false;
        }
        ended(r, end);
        if (nextRunAt == null) {
            r.state = JobTransition.BURY.apply(r.state);
            r.finishedAt = now;
            settle(Set.of(end.lease().id()), now);
        } else {
            r.state = JobTransition.RETRY.apply(r.state);
            r.runAt = nextRunAt;
        }
        r.lastError = error;
        r.token = null;
        r.leaseExpiresAt = null;
        return true;
    }

    @Override
    public synchronized boolean release(long id, String token) {
        reach();
        Row r = leased(id, token);
        if (r == null) {
            return false;
        }
        r.state = JobTransition.RELEASE.apply(r.state);
        r.attempts--;
        r.token = null;
        r.leaseExpiresAt = null;
        return true;
    }

    private boolean expired(Row r) {
        return r != null && r.leaseExpiresAt.isBefore(databaseClock.instant());
    }

    @Override
    public synchronized List<ExpiredLease> expiredLeases(int limit) {
        return rows.values().stream().filter(r -> r.state == JobState.RUNNING && expired(r))
                .sorted(Comparator.comparing(r -> r.leaseExpiresAt)).limit(limit)
                .map(r -> new ExpiredLease(claimed(r), r.startRecordedAt != null, r.expiriesUnstarted, r.owner,
                        r.startedAt, r.cancelRequestedAt != null)).toList();
    }

    @Override
    public synchronized boolean expire(AttemptEnd end, Instant nextRunAt, String error, Instant now) {
        return expired(leased(end.lease().id(), end.lease().token())) && fail(end, nextRunAt, error, now);
    }

    @Override
    public synchronized boolean cancelRunning(AttemptEnd end, Instant now) {
        Row r = leased(end.lease().id(), end.lease().token());
        if (r == null) {
            return false;
        }
        r.state = JobTransition.CANCEL_RUNNING.apply(r.state);
        r.finishedAt = now;
        r.token = null;
        r.leaseExpiresAt = null;
        ended(r, end);
        settle(Set.of(r.id), now);
        return true;
    }

    @Override
    public synchronized boolean expireCancelled(AttemptEnd end, String error, Instant now) {
        return expired(leased(end.lease().id(), end.lease().token())) && cancelRunning(end, now);
    }

    @Override
    public synchronized boolean expireUnstarted(long id, String token, String error) {
        Row r = leased(id, token);
        if (!expired(r) || r.startRecordedAt != null) {
            return false;
        }
        r.state = JobTransition.EXPIRE_UNSTARTED.apply(r.state);
        r.attempts--;
        r.expiriesUnstarted++;
        r.runAt = databaseClock.instant();
        r.lastError = error;
        r.token = null;
        r.leaseExpiresAt = null;
        return true;
    }

    @Override
    public synchronized Optional<JobInfo> find(long id) {
        Row r = rows.get(id);
        return Optional.ofNullable(r).map(x -> new JobInfo(new JobId(x.id), x.job.type(), x.job.queue(), x.state,
                x.attempts, x.job.maxRetries(), x.job.priority(), x.runAt, x.job.enqueuedAt(), null, x.finishedAt,
                x.lastError, x.job.argumentJson(), x.uniqueKey,
                x.job.timeoutMillis() <= 0 ? null : java.time.Duration.ofMillis(x.job.timeoutMillis()),
                x.cancelRequestedAt != null, x.progress, x.progressMessage,
                x.parentId == null ? null : new JobId(x.parentId), x.batchId));
    }

    @Override
    public synchronized boolean cancel(long id, Instant now) {
        Row r = rows.get(id);
        if (r != null && r.state == JobState.RUNNING) {
            if (r.cancelRequestedAt == null) {
                r.cancelRequestedAt = now;
            }
            return true;
        }
        if (r == null || !JobTransition.CANCEL.from().contains(r.state)) {
            return false;
        }
        r.state = JobTransition.CANCEL.apply(r.state);
        r.finishedAt = now;
        settle(Set.of(id), now);
        return true;
    }

    @Override
    public synchronized boolean revive(long id, Instant now) {
        Row r = rows.get(id);
        if (r == null || !JobTransition.REVIVE.from().contains(r.state)
                || rows.values().stream().anyMatch(o -> o != r && o.holds(r.job.type(), r.uniqueKey))) {
            return false;
        }
        r.state = JobTransition.REVIVE.apply(r.state);
        r.attempts = 0;
        r.expiriesUnstarted = 0;
        r.runAt = now;
        r.finishedAt = null;
        r.cancelRequestedAt = null;
        return true;
    }

    @Override
    public synchronized List<JobAttempt> attempts(long id) {
        Row r = rows.get(id);
        return r == null ? List.of() : List.copyOf(r.history);
    }

    @Override
    public synchronized List<JobLogLine> log(long id) {
        Row r = rows.get(id);
        return r == null ? List.of() : List.copyOf(r.log);
    }

    @Override
    public synchronized int pruneSucceeded(Instant finishedBefore, int batch) {
        List<Long> old = rows.values().stream()
                .filter(r -> (r.state == JobState.SUCCEEDED || r.state == JobState.CANCELLED)
                        && r.finishedAt.isBefore(finishedBefore))
                .limit(batch).map(r -> r.id).toList();
        old.forEach(rows::remove);
        return old.size();
    }

    @Override
    public synchronized Map<String, Long> queuedByType() {
        Map<String, Long> counts = new LinkedHashMap<>();
        rows.values().stream().filter(r -> r.state == JobState.QUEUED)
                .forEach(r -> counts.merge(r.job.type(), 1L, Long::sum));
        return counts;
    }

    @Override
    public synchronized boolean saveSchedule(ScheduleSpec schedule) {
        ScheduleSpec old = schedules.get(schedule.name());
        if (old != null) {
            schedule = new ScheduleSpec(schedule.name(), schedule.type(), schedule.argumentJson(),
                    schedule.intervalMillis(), schedule.cron(), schedule.zone(),
                    old.sameTicks(schedule) ? old.nextFireAt() : schedule.nextFireAt(), old.paused(),
                    schedule.overlap(), old.lastJobId(), old.lastFiredAt());
        }
        schedules.put(schedule.name(), schedule);
        return old == null;
    }

    @Override
    public synchronized boolean deleteSchedule(String name) {
        return schedules.remove(name) != null;
    }

    @Override
    public synchronized List<ScheduleSpec> dueSchedules(Instant now, int limit) {
        return schedules.values().stream().filter(s -> !s.paused() && !s.nextFireAt().isAfter(now)).limit(limit)
                .toList();
    }

    @Override
    public synchronized TickOutcome fireSchedule(String name, Instant tick, Instant nextTick, NewJob job) {
        ScheduleSpec s = schedules.get(name);
        if (s == null || s.paused() || !s.nextFireAt().equals(tick)) {
            return TickOutcome.LOST;
        }
        schedules.put(name, s.withNextFireAt(nextTick));
        if (s.overlap() == ScheduleOverlap.SKIP && s.lastJobId() != null) {
            Row last = rows.get(s.lastJobId().value());
            if (last != null && !last.state.isFinal()) {
                return TickOutcome.SKIPPED;
            }
        }
        fired(name, job);
        return TickOutcome.FIRED;
    }

    private long fired(String name, NewJob job) {
        long id = insert(List.of(job)).get(0);
        ScheduleSpec s = schedules.get(name);
        schedules.put(name, new ScheduleSpec(name, s.type(), s.argumentJson(), s.intervalMillis(), s.cron(), s.zone(),
                s.nextFireAt(), s.paused(), s.overlap(), new JobId(id), job.enqueuedAt()));
        return id;
    }

    @Override
    public synchronized boolean pauseSchedule(String name) {
        ScheduleSpec s = schedules.get(name);
        if (s == null) {
            return false;
        }
        schedules.put(name, new ScheduleSpec(name, s.type(), s.argumentJson(), s.intervalMillis(), s.cron(), s.zone(),
                s.nextFireAt(), true, s.overlap(), s.lastJobId(), s.lastFiredAt()));
        return true;
    }

    @Override
    public synchronized boolean resumeSchedule(String name, Instant nextTick) {
        ScheduleSpec s = schedules.get(name);
        if (s == null || !s.paused()) {
            return false;
        }
        schedules.put(name, new ScheduleSpec(name, s.type(), s.argumentJson(), s.intervalMillis(), s.cron(), s.zone(),
                nextTick, false, s.overlap(), s.lastJobId(), s.lastFiredAt()));
        return true;
    }

    @Override
    public synchronized OptionalLong triggerSchedule(String name, NewJob job, Instant now) {
        return schedules.containsKey(name) ? OptionalLong.of(fired(name, job)) : OptionalLong.empty();
    }

    @Override
    public synchronized OptionalLong insertAfter(long parentId, NewJob job, Instant now) {
        Row parent = rows.get(parentId);
        if (parent == null) {
            return OptionalLong.empty();
        }
        Row child = rows.get(insert(List.of(job)).get(0));
        child.parentId = parentId;
        switch (parent.state) {
            case SUCCEEDED -> child.state = JobState.QUEUED;
            case DEAD, CANCELLED -> {
                child.state = JobState.CANCELLED;
                child.finishedAt = now;
                child.lastError = "parent " + parentId + " ended " + parent.state;
            }
            default -> child.state = JobState.WAITING;
        }
        return OptionalLong.of(child.id);
    }

    @Override
    public synchronized List<Long> insertBatch(List<NewJob> members, NewJob onComplete) {
        List<Long> ids = new ArrayList<>(insert(members));
        Row last = rows.get(insert(List.of(onComplete)).get(0));
        last.state = JobState.WAITING;
        last.batchId = last.id;
        ids.forEach(id -> rows.get(id).batchId = last.id);
        ids.add(last.id);
        return ids;
    }

    @Override
    public synchronized Map<JobState, Long> batchCounts(long batchId) {
        Map<JobState, Long> counts = new EnumMap<>(JobState.class);
        rows.values().stream().filter(r -> r.batchId != null && r.batchId == batchId && r.id != batchId)
                .forEach(r -> counts.merge(r.state, 1L, Long::sum));
        return counts;
    }

    /** What the outcome writes do for the jobs waiting on the finished ones, as the real stores do. */
    private void settle(Set<Long> finished, Instant now) {
        for (long id : finished) {
            Row done = rows.get(id);
            if (done == null) {
                continue; // not kept: settled before it was removed
            }
            for (Row child : rows.values()) {
                if (child.state == JobState.WAITING && child.parentId != null && child.parentId == id) {
                    settleChild(child, done.state, now);
                }
            }
            if (done.batchId != null && done.batchId != id) {
                releaseBatch(done.batchId, now);
            }
        }
    }

    private void settleChild(Row child, JobState parentState, Instant now) {
        if (parentState == JobState.SUCCEEDED) {
            child.state = JobTransition.UNBLOCK.apply(child.state);
            child.runAt = now;
        } else {
            child.state = JobTransition.ABANDON.apply(child.state);
            child.finishedAt = now;
            child.lastError = parentState == null ? "parent " + child.parentId + " no longer exists"
                    : "parent " + child.parentId + " ended " + parentState;
        }
    }

    private boolean releaseBatch(long batch, Instant now) {
        Row last = rows.get(batch);
        if (last == null || last.state != JobState.WAITING || rows.values().stream().anyMatch(r -> r.batchId != null
                && r.batchId == batch && r.id != batch && !r.state.isFinal())) {
            return false;
        }
        last.state = JobTransition.UNBLOCK.apply(last.state);
        last.runAt = now;
        return true;
    }

    @Override
    public synchronized int settleWaiting(Instant now, int limit) {
        int settled = 0;
        for (Row r : List.copyOf(rows.values())) {
            if (settled == limit || r.state != JobState.WAITING) {
                continue;
            }
            if (r.parentId != null) {
                Row parent = rows.get(r.parentId);
                if (parent == null || parent.state.isFinal()) {
                    settleChild(r, parent == null ? null : parent.state, now);
                    settled++;
                }
            } else if (r.batchId != null && releaseBatch(r.batchId, now)) {
                settled++;
            }
        }
        return settled;
    }

    /** Puts a child in as a concurrent insert would have left it: WAITING whatever its parent did. */
    synchronized long insertWaitingChild(long parentId, NewJob job) {
        Row child = rows.get(insert(List.of(job)).get(0));
        child.parentId = parentId;
        child.state = JobState.WAITING;
        return child.id;
    }

    synchronized Row row(long id) {
        return rows.get(id);
    }

    synchronized List<Row> rows() {
        return List.copyOf(rows.values());
    }
}
