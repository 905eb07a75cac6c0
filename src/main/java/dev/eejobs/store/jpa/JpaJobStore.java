package dev.eejobs.store.jpa;

import dev.eejobs.api.JobInfo;
import dev.eejobs.api.JobState;
import dev.eejobs.store.ClaimedJob;
import dev.eejobs.store.ExpiredLease;
import dev.eejobs.store.JobStore;
import dev.eejobs.store.JobTransition;
import dev.eejobs.store.Lease;
import dev.eejobs.store.WakeUpSource;
import dev.eejobs.store.NewJob;
import dev.eejobs.store.ScheduleSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.postgresql.PGConnection;

/**
 * The storage port over JPA. Writes that follow a claim are JPQL bulk updates conditioned on the
 * lease token and on the transition's source state, so a stale worker or an illegal transition
 * changes no row. The only native statement is the pick of due jobs, which needs
 * {@code SKIP LOCKED} where the database has it.
 */
@ApplicationScoped
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

    private final ClaimFrontiers frontiers = new ClaimFrontiers();

    /**
     * Joins the caller's transaction. Without one, on PostgreSQL, a batch that fits one statement
     * is that statement in autocommit — as durable, without a JTA transaction around it — and a
     * bigger one gets a local transaction of its own, so it is stored whole or not at all.
     */
    @Override
    @Transactional(TxType.SUPPORTS)
    public List<Long> insert(List<NewJob> jobs) {
        if (dialect() != SqlDialect.POSTGRESQL) {
            return jpaHotPath.insert(jobs);
        }
        return jdbc(c -> {
            boolean ownTransaction = c.getAutoCommit() && jobs.size() > 1;
            if (!ownTransaction) {
                return insertPostgres(c, jobs);
            }
            c.setAutoCommit(false);
            try {
                List<Long> ids = insertPostgres(c, jobs);
                c.commit();
                return ids;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        });
    }

    private List<Long> insertPostgres(Connection c, List<NewJob> jobs) throws SQLException {
        List<Long> ids = jobIds.take(c, jobs.size());
        Optional<PGConnection> copy = jobs.size() >= PostgresCopy.MIN_ROWS ? PostgresCopy.driver(c) : Optional.empty();
        if (copy.isPresent()) {
            PostgresCopy.insert(copy.get(), jobs, ids);
        } else {
            PostgresHotPath.insert(c, jobs, ids);
        }
        return ids;
    }

    /**
     * On PostgreSQL one statement outside any JTA transaction: it commits on its own, and the
     * engine saves a transaction begin, enlistment and commit per claim.
     */
    @Override
    public List<ClaimedJob> claim(String queue, Collection<String> types, int limit, String owner, Instant now) {
        if (types.isEmpty() || limit <= 0) {
            return List.of();
        }
        if (dialect() == SqlDialect.POSTGRESQL) {
            return jdbc(c -> frontiers.claim(c, queue, types, limit, owner, now));
        }
        return jpaHotPath.claim(dialect(), queue, types, limit, owner, now);
    }

    @Override
    public Set<Long> heartbeat(List<Lease> renewals) {
        if (renewals.isEmpty()) {
            return Set.of();
        }
        if (dialect() == SqlDialect.POSTGRESQL) {
            return jdbc(c -> PostgresHotPath.heartbeat(c, renewals));
        }
        return jpaHotPath.heartbeat(dialect(), renewals);
    }

    @Override
    public Set<Long> succeed(List<Lease> leases, Instant now, boolean keep) {
        if (leases.isEmpty()) {
            return Set.of();
        }
        if (dialect() == SqlDialect.POSTGRESQL) {
            return jdbc(c -> PostgresHotPath.succeed(c, leases, now, keep));
        }
        return jpaHotPath.succeed(leases, now, keep);
    }

    @Override
    public Optional<WakeUpSource> openWakeUpSource() {
        if (dialect() != SqlDialect.POSTGRESQL || !PostgresDriver.visible()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new PostgresWakeUpSource(persistence.dataSource(), NODE_TAG));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot LISTEN for new jobs", e);
        }
    }

    @Override
    @Transactional(TxType.REQUIRES_NEW)
    public boolean fail(long id, String token, Instant nextRunAt, String error, Instant now) {
        return failOrExpire(id, token, nextRunAt, error, now, false);
    }

    @Override
    @Transactional(TxType.REQUIRES_NEW)
    public boolean expire(long id, String token, Instant nextRunAt, String error, Instant now) {
        return failOrExpire(id, token, nextRunAt, error, now, true);
    }

    private boolean failOrExpire(long id, String token, Instant nextRunAt, String error, Instant now,
            boolean onlyIfExpired) {
        JobTransition t = nextRunAt == null ? JobTransition.BURY : JobTransition.RETRY;
        String guard = onlyIfExpired ? " AND j.leaseExpiresAt < :dbNow" : "";
        Query q = JpqlTransitions.of(em, t, id, JpqlTransitions.FENCE + guard)
                .setParameter("token", token)
                .setParameter("error", error);
        if (t == JobTransition.RETRY) {
            q.setParameter("runAt", Utc.of(nextRunAt));
        } else {
            q.setParameter("now", Utc.of(now));
        }
        if (onlyIfExpired) {
            q.setParameter("dbNow", Utc.of(DatabaseClock.now(em, dialect())));
        }
        return q.executeUpdate() == 1;
    }

    @Override
    @Transactional(TxType.REQUIRES_NEW)
    public boolean expireUnstarted(long id, String token, String error) {
        Instant dbNow = DatabaseClock.now(em, dialect());
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
        return JpqlTransitions.of(em, JobTransition.RELEASE, id, JpqlTransitions.FENCE).setParameter("token", token).executeUpdate() == 1;
    }

    @Override
    @Transactional(TxType.REQUIRES_NEW)
    public List<ExpiredLease> expiredLeases(int limit) {
        return em.createQuery("SELECT j FROM JobRecord j WHERE j.status = :running AND j.leaseExpiresAt < :dbNow"
                        + " ORDER BY j.leaseExpiresAt", JobRecord.class)
                .setParameter("running", JobState.RUNNING)
                .setParameter("dbNow", Utc.of(DatabaseClock.now(em, dialect())))
                .setMaxResults(limit)
                .getResultList().stream()
                .map(r -> new ExpiredLease(r.toClaimed(), r.startRecordedAt != null, r.expiriesUnstarted))
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
        return JpqlTransitions.of(em, JobTransition.CANCEL, id).setParameter("now", Utc.of(now)).executeUpdate() == 1;
    }

    @Override
    @Transactional(TxType.REQUIRED)
    public boolean revive(long id, Instant now) {
        return JpqlTransitions.of(em, JobTransition.REVIVE, id).setParameter("now", Utc.of(now)).executeUpdate() == 1;
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
        return ScheduleUpsert.save(dialect(), persistence.dataSource(), schedule);
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
        return em.createQuery("SELECT s FROM ScheduleRecord s WHERE s.nextFireAt <= :now ORDER BY s.nextFireAt",
                        ScheduleRecord.class)
                .setParameter("now", Utc.of(now))
                .setMaxResults(limit)
                .getResultList().stream().map(ScheduleRecord::toSpec).toList();
    }

    @Override
    @Transactional(TxType.REQUIRES_NEW)
    public boolean fireSchedule(String name, Instant tick, Instant nextTick, NewJob job) {
        int moved = em.createQuery("UPDATE ScheduleRecord s SET s.nextFireAt = :next"
                        + " WHERE s.name = :name AND s.nextFireAt = :tick")
                .setParameter("next", Utc.of(nextTick))
                .setParameter("name", name)
                .setParameter("tick", Utc.of(tick))
                .executeUpdate();
        if (moved != 1) {
            return false;
        }
        em.persist(JobRecord.from(job, jobIds.take(1).get(0)));
        return true;
    }


    private SqlDialect dialect() {
        return persistence.dialect();
    }

    /**
     * Tags this node's notifications: its own enqueues already wake its fetchers after commit, so
     * its listener skips them and only jobs stored by other nodes cost a wake-up.
     */
    private static final String NODE_TAG = UUID.randomUUID().toString().substring(0, 8);

    /**
     * Sends one notification per queue, in one autocommit statement of its own. Not sent inside
     * the enqueuing transactions: PostgreSQL serialises the commits of notifying transactions,
     * which would cap enqueues at one disk flush each.
     */
    @Override
    @Transactional(TxType.NOT_SUPPORTED)
    public void announce(Collection<String> queues) {
        if (queues.isEmpty() || dialect() != SqlDialect.POSTGRESQL) {
            return;
        }
        try (Connection c = persistence.dataSource().getConnection()) {
            PostgresHotPath.notify(c, queues.stream().map(q -> q + PostgresWakeUpSource.TAG_SEPARATOR + NODE_TAG)
                    .toList());
        } catch (SQLException e) {
            throw new IllegalStateException("jobs database: " + e.getMessage(), e);
        }
    }

    private interface JdbcWork<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs plain JDBC: inside the current JTA transaction if there is one, else each statement
     * commits on its own.
     */
    private <T> T jdbc(JdbcWork<T> work) {
        try (Connection c = persistence.dataSource().getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new IllegalStateException("jobs database: " + e.getMessage(), e);
        }
    }
}
