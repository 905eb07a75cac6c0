package dev.eejobs.store.jpa;

import dev.eejobs.api.JobAttempt;
import dev.eejobs.api.JobInfo;
import dev.eejobs.api.JobLogLine;
import dev.eejobs.api.JobState;
import dev.eejobs.api.ScheduleSpec;
import dev.eejobs.store.AttemptEnd;
import dev.eejobs.store.ClaimedJob;
import dev.eejobs.store.ExpiredLease;
import dev.eejobs.store.InsertOutcome;
import dev.eejobs.store.JobStore;
import dev.eejobs.store.JobTransition;
import dev.eejobs.store.Lease;
import dev.eejobs.store.NewJob;
import dev.eejobs.store.Renewals;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import dev.eejobs.api.ScheduleOverlap;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional.TxType;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The storage port over JPA: the store of H2, MariaDB and any other database, and on PostgreSQL
 * what the PostgreSQL store ({@code dev.eejobs.store.postgresql}) does off its hot path. Writes
 * that follow a claim are JPQL bulk updates conditioned on the lease token and on the
 * transition's source state, so a stale worker or an illegal transition changes no row. Native
 * SQL is used where JPQL has no form for it: the pick of due jobs ({@code SKIP LOCKED} where the
 * database has it) and the schedule upsert. Only its own type is a bean type: which store serves
 * {@link JobStore} is chosen once, at the first use.
 */
@ApplicationScoped
@Typed(JpaJobStore.class)
public class JpaJobStore implements JobStore {

    @Inject
    @ModuleUnit
    EntityManager em;

    @Inject
    JobsPersistence persistence;

    @Inject
    JpaHotPath jpaHotPath;

    @Inject
    JobIds jobIds;

    /** Joins the caller's transaction, or makes one. */
    @Override
    public List<Long> insert(List<NewJob> jobs) {
        return jpaHotPath.insert(jobs);
    }

    /**
     * Plain JDBC on the connection of the caller's transaction (or a new one), so EclipseLink
     * never sees a statement that found a duplicate; see {@link UniqueInsert}.
     */
    @Override
    @Transactional(TxType.REQUIRED)
    public List<InsertOutcome> insertUnique(List<NewJob> jobs, List<String> uniqueKeys, Instant succeededSince) {
        try (Connection c = persistence.dataSource().getConnection()) {
            List<Long> ids = jobIds.take(c, jobs.size());
            List<InsertOutcome> outcomes = new ArrayList<>(jobs.size());
            for (int i = 0; i < jobs.size(); i++) {
                outcomes.add(UniqueInsert.insert(persistence.dialect(), c, jobs.get(i), ids.get(i), uniqueKeys.get(i),
                        succeededSince));
            }
            return outcomes;
        } catch (SQLException e) {
            throw new IllegalStateException("jobs database: " + e.getMessage(), e);
        }
    }

    @Override
    @Transactional(TxType.REQUIRED)
    public boolean setQueuePaused(String queue, boolean paused, Instant now) {
        try (Connection c = persistence.dataSource().getConnection()) {
            return QueueStates.set(persistence.dialect(), c, queue, paused, now);
        } catch (SQLException e) {
            throw new IllegalStateException("jobs database: " + e.getMessage(), e);
        }
    }

    @Override
    @Transactional(TxType.REQUIRED)
    public Set<String> pausedQueues() {
        try (Connection c = persistence.dataSource().getConnection()) {
            return QueueStates.paused(c);
        } catch (SQLException e) {
            throw new IllegalStateException("jobs database: " + e.getMessage(), e);
        }
    }

    @Override
    public List<ClaimedJob> claim(String queue, Collection<String> types, int limit, String owner, Instant now) {
        if (types.isEmpty() || limit <= 0) {
            return List.of();
        }
        return jpaHotPath.claim(persistence.dialect(), queue, types, limit, owner, now);
    }

    @Override
    public Renewals renew(List<Lease> renewals) {
        if (renewals.isEmpty()) {
            return new Renewals(Set.of(), Set.of());
        }
        return jpaHotPath.heartbeat(persistence.dialect(), renewals);
    }

    @Override
    public Set<Long> succeedAttempts(List<AttemptEnd> ends, Instant now, boolean keep) {
        if (ends.isEmpty()) {
            return Set.of();
        }
        return jpaHotPath.succeed(ends, now, keep);
    }

    @Override
    @Transactional(TxType.REQUIRES_NEW)
    public boolean fail(AttemptEnd end, Instant nextRunAt, String error, Instant now) {
        return failOrExpire(end, nextRunAt, error, now, false);
    }

    @Override
    @Transactional(TxType.REQUIRES_NEW)
    public boolean expire(AttemptEnd end, Instant nextRunAt, String error, Instant now) {
        return failOrExpire(end, nextRunAt, error, now, true);
    }

    @Override
    @Transactional(TxType.REQUIRES_NEW)
    public boolean cancelRunning(AttemptEnd end, Instant now) {
        return cancelRunning(end, now, false);
    }

    @Override
    @Transactional(TxType.REQUIRES_NEW)
    public boolean expireCancelled(AttemptEnd end, String error, Instant now) {
        return cancelRunning(end, now, true);
    }

    private boolean cancelRunning(AttemptEnd end, Instant now, boolean onlyIfExpired) {
        Continuations.lockForOutcome(em, end.lease().id());
        Query q = JpqlTransitions.of(em, JobTransition.CANCEL_RUNNING, end.lease().id(), JpqlTransitions.FENCE
                        + (onlyIfExpired ? " AND j.leaseExpiresAt < :dbNow" : ""))
                .setParameter("token", end.lease().token())
                .setParameter("now", Utc.of(now));
        if (onlyIfExpired) {
            q.setParameter("dbNow", Utc.of(DatabaseClock.now(em, persistence.dialect())));
        }
        boolean done = q.executeUpdate() == 1;
        if (done) {
            AttemptWrites.ended(em, end);
            Continuations.afterFailure(em, end.lease().id(), JobState.CANCELLED, now);
        }
        return done;
    }

    private boolean failOrExpire(AttemptEnd end, Instant nextRunAt, String error, Instant now,
            boolean onlyIfExpired) {
        JobTransition t = nextRunAt == null ? JobTransition.BURY : JobTransition.RETRY;
        if (t == JobTransition.BURY) {
            Continuations.lockForOutcome(em, end.lease().id());
        }
        String guard = onlyIfExpired ? " AND j.leaseExpiresAt < :dbNow" : "";
        Query q = JpqlTransitions.of(em, t, end.lease().id(), JpqlTransitions.FENCE + guard)
                .setParameter("token", end.lease().token())
                .setParameter("error", error);
        if (t == JobTransition.RETRY) {
            q.setParameter("runAt", Utc.of(nextRunAt));
        } else {
            q.setParameter("now", Utc.of(now));
        }
        if (onlyIfExpired) {
            q.setParameter("dbNow", Utc.of(DatabaseClock.now(em, persistence.dialect())));
        }
        boolean done = q.executeUpdate() == 1;
        if (done) {
            AttemptWrites.ended(em, end);
            if (t == JobTransition.BURY) {
                Continuations.afterFailure(em, end.lease().id(), JobState.DEAD, now);
            }
        }
        return done;
    }

    @Override
    @Transactional(TxType.REQUIRES_NEW)
    public boolean expireUnstarted(long id, String token, String error) {
        Instant dbNow = DatabaseClock.now(em, persistence.dialect());
        return JpqlTransitions.of(em, JobTransition.EXPIRE_UNSTARTED, id, JpqlTransitions.FENCE
                        + " AND j.leaseExpiresAt < :dbNow AND j.startRecordedAt IS NULL")
                .setParameter("token", token)
                .setParameter("error", error)
                .setParameter("runAt", Utc.of(dbNow))
                .setParameter("dbNow", Utc.of(dbNow))
                .executeUpdate() == 1;
    }

    @Override
    @Transactional(TxType.REQUIRES_NEW)
    public boolean release(long id, String token) {
        return JpqlTransitions.of(em, JobTransition.RELEASE, id, JpqlTransitions.FENCE)
                .setParameter("token", token).executeUpdate() == 1;
    }

    @Override
    @Transactional(TxType.REQUIRES_NEW)
    public List<ExpiredLease> expiredLeases(int limit) {
        return em.createQuery("SELECT j FROM JobRecord j WHERE j.status = :running AND j.leaseExpiresAt < :dbNow"
                        + " ORDER BY j.leaseExpiresAt", JobRecord.class)
                .setParameter("running", JobState.RUNNING)
                .setParameter("dbNow", Utc.of(DatabaseClock.now(em, persistence.dialect())))
                .setMaxResults(limit)
                .getResultList().stream()
                .map(r -> new ExpiredLease(r.toClaimed(), r.startRecordedAt != null, r.expiriesUnstarted, r.leaseOwner,
                        Utc.instant(r.startedAt), r.cancelRequestedAt != null))
                .toList();
    }

    @Override
    @Transactional(TxType.REQUIRED)
    public Optional<JobInfo> find(long id) {
        return Optional.ofNullable(em.find(JobRecord.class, id)).map(JobRecord::toInfo);
    }

    @Override
    @Transactional(TxType.REQUIRED)
    public boolean cancel(long id, Instant now) {
        Continuations.lockForOutcome(em, id);
        if (JpqlTransitions.of(em, JobTransition.CANCEL, id).setParameter("now", Utc.of(now)).executeUpdate() == 1) {
            Continuations.afterFailure(em, id, JobState.CANCELLED, now);
            return true;
        }
        return em.createQuery("UPDATE JobRecord j SET j.cancelRequestedAt = COALESCE(j.cancelRequestedAt, :now)"
                        + " WHERE j.id = :id AND j.status = :running")
                .setParameter("now", Utc.of(now))
                .setParameter("id", id)
                .setParameter("running", JobState.RUNNING)
                .executeUpdate() == 1;
    }

    @Override
    @Transactional(TxType.REQUIRED)
    public List<JobAttempt> attempts(long id) {
        List<JobAttempt> attempts = new ArrayList<>(em.createQuery(
                        "SELECT a FROM AttemptRecord a WHERE a.jobId = :id ORDER BY a.id", AttemptRecord.class)
                .setParameter("id", id)
                .getResultList().stream().map(AttemptRecord::toAttempt).toList());
        // a success is the job's last attempt, kept on its row (see V10)
        Optional.ofNullable(em.find(JobRecord.class, id)).flatMap(JobRecord::successfulAttempt).ifPresent(attempts::add);
        return attempts;
    }

    @Override
    @Transactional(TxType.REQUIRED)
    public List<JobLogLine> log(long id) {
        return em.createQuery("SELECT l FROM LogLineRecord l WHERE l.jobId = :id ORDER BY l.id", LogLineRecord.class)
                .setParameter("id", id)
                .getResultList().stream().map(LogLineRecord::toLine).toList();
    }

    @Override
    @Transactional(TxType.REQUIRED)
    public boolean revive(long id, Instant now) {
        if (holderOfKeyOf(id) != null) {
            return false; // another job holds its unique key: reviving would make two active
        }
        return JpqlTransitions.of(em, JobTransition.REVIVE, id).setParameter("now", Utc.of(now)).executeUpdate() == 1;
    }

    /**
     * @return the id of another active job holding the unique key of job {@code id}, or null. A
     *     read before the revive: should a job with the key be stored between the two, the
     *     revive's update fails on the unique index rather than make two active jobs.
     */
    private Long holderOfKeyOf(long id) {
        List<Long> holders = em.createQuery("SELECT o.id FROM JobRecord o, JobRecord j WHERE j.id = :id"
                        + " AND j.uniqueKey IS NOT NULL AND o.type = j.type AND o.uniqueActive = j.uniqueKey"
                        + " AND o.id <> j.id", Long.class)
                .setParameter("id", id)
                .getResultList();
        return holders.isEmpty() ? null : holders.get(0);
    }

    @Override
    @Transactional(TxType.REQUIRES_NEW)
    public int pruneSucceeded(Instant finishedBefore, int batch) {
        List<Long> ids = em.createQuery("SELECT j.id FROM JobRecord j WHERE j.status IN :finished"
                        + " AND j.finishedAt < :before", Long.class)
                .setParameter("finished", List.of(JobState.SUCCEEDED, JobState.CANCELLED))
                .setParameter("before", Utc.of(finishedBefore))
                .setMaxResults(batch)
                .getResultList();
        if (ids.isEmpty()) {
            return 0;
        }
        return em.createQuery("DELETE FROM JobRecord j WHERE j.id IN :ids").setParameter("ids", ids).executeUpdate();
    }

    @Override
    @Transactional(TxType.REQUIRED)
    public Map<String, Long> queuedByType() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Object[] row : em.createQuery("SELECT j.type, COUNT(j) FROM JobRecord j WHERE j.status = :queued"
                        + " GROUP BY j.type", Object[].class)
                .setParameter("queued", JobState.QUEUED)
                .getResultList()) {
            counts.put((String) row[0], ((Number) row[1]).longValue());
        }
        return counts;
    }

    @Override
    @Transactional(TxType.REQUIRED)
    public boolean saveSchedule(ScheduleSpec schedule) {
        return ScheduleUpsert.save(persistence.dialect(), persistence.dataSource(), schedule);
    }

    @Override
    @Transactional(TxType.REQUIRED)
    public boolean deleteSchedule(String name) {
        return em.createQuery("DELETE FROM ScheduleRecord s WHERE s.name = :name")
                .setParameter("name", name).executeUpdate() == 1;
    }

    @Override
    @Transactional(TxType.REQUIRES_NEW)
    public List<ScheduleSpec> dueSchedules(Instant now, int limit) {
        return em.createQuery("SELECT s FROM ScheduleRecord s WHERE s.nextFireAt <= :now AND s.paused = FALSE"
                        + " ORDER BY s.nextFireAt",
                        ScheduleRecord.class)
                .setParameter("now", Utc.of(now))
                .setMaxResults(limit)
                .getResultList().stream().map(ScheduleRecord::toSpec).toList();
    }

    @Override
    @Transactional(TxType.REQUIRES_NEW)
    public TickOutcome fireSchedule(String name, Instant tick, Instant nextTick, NewJob job) {
        int moved = em.createQuery("UPDATE ScheduleRecord s SET s.nextFireAt = :next"
                        + " WHERE s.name = :name AND s.nextFireAt = :tick AND s.paused = FALSE")
                .setParameter("next", Utc.of(nextTick))
                .setParameter("name", name)
                .setParameter("tick", Utc.of(tick))
                .executeUpdate();
        if (moved != 1) {
            return TickOutcome.LOST;
        }
        // the row is locked by the update: its policy and last job are read as they stand now
        ScheduleRecord schedule = em.find(ScheduleRecord.class, name);
        if (ScheduleRecord.overlap(schedule.overlap) == ScheduleOverlap.SKIP && schedule.lastJobId != null) {
            JobRecord last = em.find(JobRecord.class, schedule.lastJobId);
            if (last != null && !last.status.isFinal()) {
                return TickOutcome.SKIPPED;
            }
        }
        fired(schedule, job);
        return TickOutcome.FIRED;
    }

    /** Inserts a schedule's job and records it as the schedule's last. */
    private long fired(ScheduleRecord schedule, NewJob job) {
        long id = jobIds.take(1).get(0);
        em.persist(JobRecord.from(job, id));
        schedule.lastJobId = id;
        schedule.lastFiredAt = Utc.of(job.enqueuedAt());
        return id;
    }

    @Override
    @Transactional(TxType.REQUIRED)
    public boolean pauseSchedule(String name) {
        return em.createQuery("UPDATE ScheduleRecord s SET s.paused = TRUE WHERE s.name = :name")
                .setParameter("name", name).executeUpdate() == 1;
    }

    @Override
    @Transactional(TxType.REQUIRED)
    public boolean resumeSchedule(String name, Instant nextTick) {
        return em.createQuery("UPDATE ScheduleRecord s SET s.paused = FALSE, s.nextFireAt = :next"
                        + " WHERE s.name = :name AND s.paused = TRUE")
                .setParameter("next", Utc.of(nextTick))
                .setParameter("name", name).executeUpdate() == 1;
    }

    @Override
    @Transactional(TxType.REQUIRED)
    public OptionalLong triggerSchedule(String name, NewJob job, Instant now) {
        ScheduleRecord schedule = em.find(ScheduleRecord.class, name, LockModeType.PESSIMISTIC_WRITE);
        if (schedule == null) {
            return OptionalLong.empty();
        }
        long id = fired(schedule, job);
        em.flush();
        return OptionalLong.of(id);
    }

    @Override
    @Transactional(TxType.REQUIRED)
    public OptionalLong insertAfter(long parentId, NewJob job, Instant now) {
        Optional<JobState> parent = Continuations.lockParent(em, persistence.dialect(), parentId);
        if (parent.isEmpty()) {
            return OptionalLong.empty();
        }
        long id = jobIds.take(1).get(0);
        JobRecord child = JobRecord.from(job, id);
        child.parentId = parentId;
        switch (parent.get()) {
            case SUCCEEDED -> child.status = JobState.QUEUED;
            case DEAD, CANCELLED -> {
                child.status = JobState.CANCELLED;
                child.finishedAt = Utc.of(now);
                child.lastError = Continuations.reason(parentId, parent.get());
            }
            default -> child.status = JobState.WAITING;
        }
        em.persist(child);
        em.flush();
        return OptionalLong.of(id);
    }

    @Override
    @Transactional(TxType.REQUIRED)
    public List<Long> insertBatch(List<NewJob> members, NewJob onComplete) {
        List<Long> ids = new ArrayList<>(jobIds.take(members.size() + 1));
        long batch = ids.get(members.size());
        JobRecord last = JobRecord.from(onComplete, batch);
        last.status = JobState.WAITING;
        last.batchId = batch;
        em.persist(last);
        for (int i = 0; i < members.size(); i++) {
            JobRecord member = JobRecord.from(members.get(i), ids.get(i));
            member.batchId = batch;
            em.persist(member);
            if (i % 1_000 == 999) {
                em.flush();
                em.clear();
            }
        }
        em.flush();
        return ids;
    }

    @Override
    @Transactional(TxType.REQUIRED)
    public Map<JobState, Long> batchCounts(long batchId) {
        Map<JobState, Long> counts = new EnumMap<>(JobState.class);
        for (Object[] row : em.createQuery("SELECT j.status, COUNT(j) FROM JobRecord j WHERE j.batchId = :batch"
                        + " AND j.id <> :batch GROUP BY j.status", Object[].class)
                .setParameter("batch", batchId)
                .getResultList()) {
            counts.put((JobState) row[0], ((Number) row[1]).longValue());
        }
        return counts;
    }

    @Override
    @Transactional(TxType.REQUIRES_NEW)
    public int settleWaiting(Instant now, int limit) {
        int settled = 0;
        for (Object[] row : Continuations.strandedChildren(em, limit)) {
            long child = ((Number) row[0]).longValue();
            long parent = ((Number) row[1]).longValue();
            JobState parentState = row[2] == null ? null : JobState.valueOf(String.valueOf(row[2]));
            Query q = parentState == JobState.SUCCEEDED
                    ? JpqlTransitions.of(em, JobTransition.UNBLOCK, child)
                    : JpqlTransitions.of(em, JobTransition.ABANDON, child)
                            .setParameter("error", Continuations.reason(parent, parentState));
            settled += q.setParameter("now", Utc.of(now)).executeUpdate();
        }
        for (long batch : Continuations.finishedBatches(em, limit)) {
            Continuations.lockForOutcome(em, batch);
            settled += Continuations.releaseBatch(em, batch, now) ? 1 : 0;
        }
        return settled;
    }
}
