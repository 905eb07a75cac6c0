package dev.eejobs.store.jpa;

import dev.eejobs.api.JobInfo;
import dev.eejobs.api.JobState;
import dev.eejobs.store.ClaimedJob;
import dev.eejobs.store.JobStore;
import dev.eejobs.store.JobTransition;
import dev.eejobs.store.Lease;
import dev.eejobs.store.WakeUpSource;
import dev.eejobs.store.NewJob;
import dev.eejobs.store.ScheduleSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import jakarta.annotation.Resource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.HashSet;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The storage port over JPA. Writes that follow a claim are JPQL bulk updates conditioned on the
 * lease token and on the transition's source state, so a stale worker or an illegal transition
 * changes no row. The only native statement is the pick of due jobs, which needs
 * {@code SKIP LOCKED} where the database has it.
 */
@ApplicationScoped
public class JpaJobStore implements JobStore {

    /** Inserts of this many jobs are flushed and detached, keeping big batches' memory flat. */
    private static final int FLUSH_EVERY = 1_000;

    @PersistenceContext(unitName = "eejobs")
    EntityManager em;

    @Resource(lookup = "java:comp/DefaultDataSource")
    DataSource dataSource;

    private volatile SqlDialect dialect;
    private final ClaimFrontiers frontiers = new ClaimFrontiers();
    private final JobIds jobIds = new JobIds();

    @Override
    @Transactional(TxType.REQUIRED)
    public List<Long> insert(List<NewJob> jobs) {
        if (dialect() == SqlDialect.POSTGRESQL) {
            return jdbc(c -> {
                List<Long> ids = jobIds.take(c, jobs.size());
                PostgresHotPath.insert(c, jobs, ids);
                return ids;
            });
        }
        List<Long> ids = new ArrayList<>(jobs.size());
        int pending = 0;
        for (NewJob job : jobs) {
            JobRecord record = JobRecord.from(job);
            em.persist(record);
            ids.add(record.id);
            if (++pending == FLUSH_EVERY) {
                em.flush();
                em.clear();
                pending = 0;
            }
        }
        em.flush();
        return ids;
    }

    @Override
    @Transactional(TxType.REQUIRES_NEW)
    public List<ClaimedJob> claim(String queue, Collection<String> types, int limit, String owner, Instant now) {
        if (types.isEmpty() || limit <= 0) {
            return List.of();
        }
        if (dialect() == SqlDialect.POSTGRESQL) {
            return jdbc(c -> frontiers.claim(c, queue, types, limit, owner, now));
        }
        Query pick = em.createNativeQuery(dialect().candidates(types.size()));
        int p = 1;
        pick.setParameter(p++, queue);
        pick.setParameter(p++, Utc.of(now));
        for (String type : types) {
            pick.setParameter(p++, type);
        }
        pick.setParameter(p, limit);
        List<Long> claimed = new ArrayList<>();
        for (Object row : pick.getResultList()) {
            Object[] cols = (Object[]) row;
            long id = ((Number) cols[0]).longValue();
            long heartbeatMillis = ((Number) cols[1]).longValue();
            int updated = transition(JobTransition.CLAIM, id)
                    .setParameter("token", UUID.randomUUID().toString())
                    .setParameter("owner", owner)
                    .setParameter("now", Utc.of(now))
                    .setParameter("expires", Utc.of(now.plusMillis(heartbeatMillis * ClaimedJob.LEASE_INTERVALS)))
                    .executeUpdate();
            if (updated == 1) {
                claimed.add(id);
            }
        }
        if (claimed.isEmpty()) {
            return List.of();
        }
        return em.createQuery("SELECT j FROM JobRecord j WHERE j.id IN :ids ORDER BY j.priority DESC, j.runAt, j.id",
                        JobRecord.class)
                .setParameter("ids", claimed)
                .getResultList().stream().map(JobRecord::toClaimed).toList();
    }

    @Override
    @Transactional(TxType.REQUIRES_NEW)
    public Set<Long> heartbeat(List<Lease> renewals, Instant now) {
        if (renewals.isEmpty()) {
            return Set.of();
        }
        if (dialect() == SqlDialect.POSTGRESQL) {
            return jdbc(c -> PostgresHotPath.heartbeat(c, renewals, now));
        }
        Set<Long> renewed = new HashSet<>();
        for (Lease lease : renewals) {
            int updated = em.createQuery("UPDATE JobRecord j SET j.heartbeatAt = :now, j.leaseExpiresAt = :expires"
                            + " WHERE j.id = :id AND j.leaseToken = :token AND j.status = :running")
                    .setParameter("now", Utc.of(now))
                    .setParameter("expires", Utc.of(lease.expiresAt()))
                    .setParameter("id", lease.id())
                    .setParameter("token", lease.token())
                    .setParameter("running", JobState.RUNNING)
                    .executeUpdate();
            if (updated == 1) {
                renewed.add(lease.id());
            }
        }
        return renewed;
    }

    @Override
    @Transactional(TxType.REQUIRES_NEW)
    public Set<Long> succeed(List<Lease> leases, Instant now, boolean keep) {
        if (leases.isEmpty()) {
            return Set.of();
        }
        if (dialect() == SqlDialect.POSTGRESQL) {
            return jdbc(c -> PostgresHotPath.succeed(c, leases, now, keep));
        }
        Set<Long> written = new HashSet<>();
        for (Lease lease : leases) {
            Query q = keep
                    ? transition(JobTransition.SUCCEED, lease.id(), FENCE).setParameter("now", Utc.of(now))
                    : em.createQuery("DELETE FROM JobRecord j WHERE j.id = :id AND j.leaseToken = :token"
                                    + " AND j.status = :running")
                            .setParameter("id", lease.id())
                            .setParameter("running", JobState.RUNNING);
            if (q.setParameter("token", lease.token()).executeUpdate() == 1) {
                written.add(lease.id());
            }
        }
        return written;
    }

    @Override
    public Optional<WakeUpSource> openWakeUpSource() {
        if (dialect() != SqlDialect.POSTGRESQL) {
            return Optional.empty();
        }
        try {
            return Optional.of(new PostgresWakeUpSource(dataSource, NODE_TAG));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot LISTEN for new jobs", e);
        }
    }

    @Override
    @Transactional(TxType.REQUIRES_NEW)
    public boolean fail(long id, String token, Instant nextRunAt, String error, Instant now, Instant expiredBefore) {
        JobTransition t = nextRunAt == null ? JobTransition.BURY : JobTransition.RETRY;
        String guard = expiredBefore == null ? "" : " AND j.leaseExpiresAt < :expiredBefore";
        Query q = transition(t, id, FENCE + guard)
                .setParameter("token", token)
                .setParameter("error", error);
        if (t == JobTransition.RETRY) {
            q.setParameter("runAt", Utc.of(nextRunAt));
        } else {
            q.setParameter("now", Utc.of(now));
        }
        if (expiredBefore != null) {
            q.setParameter("expiredBefore", Utc.of(expiredBefore));
        }
        return q.executeUpdate() == 1;
    }

    @Override
    @Transactional(TxType.REQUIRES_NEW)
    public boolean release(long id, String token) {
        return transition(JobTransition.RELEASE, id, FENCE).setParameter("token", token).executeUpdate() == 1;
    }

    @Override
    @Transactional(TxType.REQUIRES_NEW)
    public List<ClaimedJob> expiredLeases(Instant now, int limit) {
        return em.createQuery("SELECT j FROM JobRecord j WHERE j.status = :running AND j.leaseExpiresAt < :now"
                        + " ORDER BY j.leaseExpiresAt", JobRecord.class)
                .setParameter("running", JobState.RUNNING)
                .setParameter("now", Utc.of(now))
                .setMaxResults(limit)
                .getResultList().stream().map(JobRecord::toClaimed).toList();
    }

    @Override
    @Transactional(TxType.SUPPORTS)
    public Optional<JobInfo> find(long id) {
        return Optional.ofNullable(em.find(JobRecord.class, id)).map(JobRecord::toInfo);
    }

    @Override
    @Transactional(TxType.REQUIRED)
    public boolean cancel(long id, Instant now) {
        return transition(JobTransition.CANCEL, id).setParameter("now", Utc.of(now)).executeUpdate() == 1;
    }

    @Override
    @Transactional(TxType.REQUIRED)
    public boolean revive(long id, Instant now) {
        return transition(JobTransition.REVIVE, id).setParameter("now", Utc.of(now)).executeUpdate() == 1;
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
    @Transactional(TxType.SUPPORTS)
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
    public void saveSchedule(ScheduleSpec schedule) {
        ScheduleRecord record = em.find(ScheduleRecord.class, schedule.name());
        if (record == null) {
            record = new ScheduleRecord();
            record.name = schedule.name();
            em.persist(record);
        } else if (record.toSpec().sameTicks(schedule)) {
            schedule = new ScheduleSpec(schedule.name(), schedule.type(), schedule.argumentJson(),
                    schedule.intervalMillis(), schedule.cron(), schedule.zone(), Utc.instant(record.nextFireAt));
        }
        record.define(schedule);
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
        em.persist(JobRecord.from(job));
        return true;
    }

    /**
     * A JPQL update for a named transition of one job: moves it from the transition's source
     * states to its target and sets the columns that transition owns.
     */
    private Query transition(JobTransition t, long id) {
        return transition(t, id, "");
    }

    private Query transition(JobTransition t, long id, String extraCondition) {
        String sets = switch (t) {
            case CLAIM -> "j.attempts = j.attempts + 1, j.leaseToken = :token, j.leaseOwner = :owner,"
                    + " j.startedAt = :now, j.heartbeatAt = :now, j.leaseExpiresAt = :expires";
            case SUCCEED -> "j.finishedAt = :now" + CLEAR_LEASE;
            case RETRY -> "j.runAt = :runAt, j.lastError = :error" + CLEAR_LEASE;
            case BURY -> "j.finishedAt = :now, j.lastError = :error" + CLEAR_LEASE;
            case RELEASE -> "j.attempts = j.attempts - 1" + CLEAR_LEASE;
            case CANCEL -> "j.finishedAt = :now";
            case REVIVE -> "j.attempts = 0, j.runAt = :now, j.finishedAt = NULL";
        };
        return em.createQuery("UPDATE JobRecord j SET j.status = :to, " + sets
                        + " WHERE j.id = :id AND j.status IN :from" + extraCondition)
                .setParameter("to", t.to())
                .setParameter("from", List.copyOf(t.from()))
                .setParameter("id", id);
    }

    private static final String CLEAR_LEASE =
            ", j.leaseToken = NULL, j.leaseOwner = NULL, j.heartbeatAt = NULL, j.leaseExpiresAt = NULL";

    /** The lease-token condition: only the current lease holder may write. */
    private static final String FENCE = " AND j.leaseToken = :token";

    private SqlDialect dialect() {
        SqlDialect d = dialect;
        if (d == null) {
            try (Connection c = dataSource.getConnection()) {
                d = SqlDialect.of(c);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the database product name", e);
            }
            dialect = d;
        }
        return d;
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
        try (Connection c = dataSource.getConnection()) {
            PostgresHotPath.notify(c, queues.stream().map(q -> q + PostgresWakeUpSource.TAG_SEPARATOR + NODE_TAG)
                    .toList());
        } catch (SQLException e) {
            throw new IllegalStateException("jobs database: " + e.getMessage(), e);
        }
    }

    private interface JdbcWork<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs plain JDBC on the connection of the current JTA transaction. */
    private <T> T jdbc(JdbcWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new IllegalStateException("jobs database: " + e.getMessage(), e);
        }
    }
}
