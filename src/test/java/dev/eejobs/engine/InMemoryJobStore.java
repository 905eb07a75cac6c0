package dev.eejobs.engine;

import dev.eejobs.api.JobId;
import dev.eejobs.api.JobInfo;
import dev.eejobs.api.JobState;
import dev.eejobs.api.ScheduleSpec;
import dev.eejobs.store.ClaimedJob;
import dev.eejobs.store.ExpiredLease;
import dev.eejobs.store.InsertOutcome;
import dev.eejobs.store.JobStore;
import dev.eejobs.store.JobTransition;
import dev.eejobs.store.Lease;
import dev.eejobs.store.NewJob;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
            claimed.add(claimed(r));
        }
        return claimed;
    }

    private static ClaimedJob claimed(Row r) {
        return new ClaimedJob(r.id, r.job.type(), r.job.queue(), r.job.argumentJson(), r.attempts,
                r.job.maxRetries(), r.job.backoff(), r.job.heartbeatMillis(), r.token, r.runAt);
    }

    private Row leased(long id, String token) {
        Row r = rows.get(id);
        return r != null && r.state == JobState.RUNNING && token.equals(r.token) ? r : null;
    }

    private int batchWrites;

    @Override
    public synchronized Set<Long> heartbeat(List<Lease> renewals) {
        reach();
        Set<Long> renewed = new HashSet<>();
        Instant now = databaseClock.instant();
        for (Lease lease : renewals) {
            Row r = leased(lease.id(), lease.token());
            if (r != null) {
                r.leaseExpiresAt = now.plusMillis(r.job.heartbeatMillis() * ClaimedJob.LEASE_INTERVALS);
                if (lease.started() && r.startRecordedAt == null) {
                    r.startRecordedAt = now;
                }
                renewed.add(lease.id());
            }
        }
        return renewed;
    }

    @Override
    public synchronized Set<Long> succeed(List<Lease> leases, Instant now, boolean keep) {
        batchWrites++;
        Set<Long> written = new HashSet<>();
        for (Lease lease : leases) {
            Row r = leased(lease.id(), lease.token());
            if (r == null) {
                continue;
            }
            written.add(lease.id());
            if (!keep) {
                rows.remove(lease.id());
                continue;
            }
            r.state = JobTransition.SUCCEED.apply(r.state);
            r.finishedAt = now;
            r.token = null;
        }
        return written;
    }

    /** @return how many completion batches were written */
    synchronized int batchWrites() {
        return batchWrites;
    }

    @Override
    public synchronized boolean fail(long id, String token, Instant nextRunAt, String error, Instant now) {
        Row r = leased(id, token);
        if (r == null) {
            return false;
        }
        if (nextRunAt == null) {
            r.state = JobTransition.BURY.apply(r.state);
            r.finishedAt = now;
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
                .map(r -> new ExpiredLease(claimed(r), r.startRecordedAt != null, r.expiriesUnstarted)).toList();
    }

    @Override
    public synchronized boolean expire(long id, String token, Instant nextRunAt, String error, Instant now) {
        return expired(leased(id, token)) && fail(id, token, nextRunAt, error, now);
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
                x.lastError, x.job.argumentJson(), x.uniqueKey));
    }

    @Override
    public synchronized boolean cancel(long id, Instant now) {
        Row r = rows.get(id);
        if (r == null || !JobTransition.CANCEL.from().contains(r.state)) {
            return false;
        }
        r.state = JobTransition.CANCEL.apply(r.state);
        r.finishedAt = now;
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
        return true;
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
        if (old != null && old.sameTicks(schedule)) {
            schedule = new ScheduleSpec(schedule.name(), schedule.type(), schedule.argumentJson(),
                    schedule.intervalMillis(), schedule.cron(), schedule.zone(), old.nextFireAt());
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
        return schedules.values().stream().filter(s -> !s.nextFireAt().isAfter(now)).limit(limit).toList();
    }

    @Override
    public synchronized boolean fireSchedule(String name, Instant tick, Instant nextTick, NewJob job) {
        ScheduleSpec s = schedules.get(name);
        if (s == null || !s.nextFireAt().equals(tick)) {
            return false;
        }
        schedules.put(name, new ScheduleSpec(name, s.type(), s.argumentJson(), s.intervalMillis(), s.cron(), s.zone(),
                nextTick));
        insert(List.of(job));
        return true;
    }

    synchronized Row row(long id) {
        return rows.get(id);
    }

    synchronized List<Row> rows() {
        return List.copyOf(rows.values());
    }
}
