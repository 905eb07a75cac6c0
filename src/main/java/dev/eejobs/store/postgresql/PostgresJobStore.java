package dev.eejobs.store.postgresql;

import dev.eejobs.api.JobAttempt;
import dev.eejobs.api.JobInfo;
import dev.eejobs.api.JobLogLine;
import dev.eejobs.api.ScheduleSpec;
import dev.eejobs.config.ServerResources;
import dev.eejobs.store.AttemptEnd;
import dev.eejobs.store.ClaimedJob;
import dev.eejobs.store.ExpiredLease;
import dev.eejobs.store.InsertOutcome;
import dev.eejobs.store.JobStore;
import dev.eejobs.store.Lease;
import dev.eejobs.store.NewJob;
import dev.eejobs.store.Renewals;
import dev.eejobs.store.StartedInsert;
import dev.eejobs.store.WakeUpSource;
import dev.eejobs.store.jpa.JobIds;
import dev.eejobs.store.jpa.JobsPersistence;
import dev.eejobs.store.jpa.JpaJobStore;
import dev.eejobs.store.postgresql.GatheredInserts.OneInsert;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional.TxType;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.postgresql.PGConnection;

/**
 * The store on PostgreSQL. The hot path — inserts (COPY for big batches), claims, heartbeats,
 * completions, announcements and the listener — is plain JDBC on the jobs datasource
 * ({@link PostgresHotPath}); claims, heartbeats and completions are single statements that commit
 * on their own outside JTA. Everything else (retries and failures, hand-backs, reaping, operator
 * actions, schedules) is the JPA store's: those writes are rare and fenced there the same way.
 * Every write after a claim is fenced by the lease token.
 */
@ApplicationScoped
@Typed(PostgresJobStore.class)
public class PostgresJobStore implements JobStore {

    /**
     * Tags this node's notifications: its own enqueues already wake its fetchers after commit, so
     * its listener skips them and only jobs stored by other nodes cost a wake-up.
     */
    private static final String NODE_TAG = UUID.randomUUID().toString().substring(0, 8);

    @Inject
    JpaJobStore jpa;

    @Inject
    JobsPersistence persistence;

    @Inject
    JobIds jobIds;

    @Inject
    ServerResources server;

    private final ClaimFrontiers frontiers = new ClaimFrontiers();

    /** One-by-one enqueues outside transactions, written together when callers meet (group commit). */
    private final InsertGroup<OneInsert, StartedInsert> oneByOne = new InsertGroup<>(this::writeAlone,
            this::writeTogether);

    /**
     * Joins the caller's transaction. Without one, a single job goes to the {@link InsertGroup}
     * (a statement of its own in autocommit, or one shared with other callers' jobs of the same
     * moment); a batch that fits one statement is that statement in autocommit, as durable without
     * a JTA transaction around it; a bigger one gets a local transaction of its own, so it is
     * stored whole or not at all.
     *
     * <p>No {@code @Transactional} interceptor: the pooled connection joins the caller's transaction
     * by itself, and a failure marks that transaction rollback-only here, as the interceptor would.
     * One-by-one enqueue is the most frequent call there is; the interceptor was an eighth of its CPU.
     */
    @Override
    public List<Long> insert(List<NewJob> jobs) {
        if (jobs.size() == 1 && outsideTransactions()) {
            return List.of(oneByOne.write(new OneInsert(jobs.get(0), null, null)).id());
        }
        try {
            return jdbc(c -> {
                boolean ownTransaction = c.getAutoCommit() && jobs.size() > 1;
                if (!ownTransaction) {
                    return insert(c, jobs);
                }
                c.setAutoCommit(false);
                try {
                    List<Long> ids = insert(c, jobs);
                    c.commit();
                    return ids;
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                } finally {
                    c.setAutoCommit(true);
                }
            });
        } catch (RuntimeException | Error e) {
            TransactionSynchronizationRegistry transactions = server == null ? null : server.transactions();
            if (transactions != null && transactions.getTransactionKey() != null) {
                transactions.setRollbackOnly();
            }
            throw e;
        }
    }

    @Override
    public boolean startsAtEnqueue() {
        return true;
    }

    /**
     * Committed by the {@link InsertGroup}, alone or with other callers' jobs of the same moment.
     * Inside a JTA transaction (the engine does not call it there) the
     * job is stored QUEUED as by {@link #insert}: a RUNNING row handed to a worker before the
     * commit could run a job that is then rolled back.
     */
    @Override
    public StartedInsert insertStarted(NewJob job, String owner, Instant now) {
        return outsideTransactions() ? oneByOne.write(new OneInsert(job, owner, now))
                : new StartedInsert(insert(List.of(job)).get(0), null);
    }

    /** @return whether the caller is outside any JTA transaction (false when that cannot be told) */
    private boolean outsideTransactions() {
        TransactionSynchronizationRegistry transactions = server == null ? null : server.transactions();
        return transactions != null && transactions.getTransactionKey() == null;
    }

    /**
     * One insert of a caller outside any transaction, in a statement of its own that commits. On a
     * connection that does not commit on its own (not expected outside JTA) the job is stored QUEUED:
     * a worker must not start a job whose insert may still roll back.
     */
    private StartedInsert writeAlone(OneInsert insert) {
        return jdbc(c -> {
            long id = jobIds.take(c, 1).get(0);
            if (insert.owner() == null || !c.getAutoCommit()) {
                PostgresHotPath.insert(c, List.of(insert.job()), List.of(id));
                return new StartedInsert(id, null);
            }
            return new StartedInsert(id, PostgresHotPath.insertStarted(c, insert.job(), id, insert.owner(),
                    insert.now()));
        });
    }

    /**
     * The inserts of several callers outside transactions, in one statement that commits. On a
     * connection that does not commit on its own it refuses, and each caller writes alone.
     */
    private List<StartedInsert> writeTogether(List<OneInsert> inserts) {
        return jdbc(c -> {
            if (!c.getAutoCommit()) {
                throw new IllegalStateException("jobs database: the connection does not commit on its own");
            }
            List<Long> ids = jobIds.take(c, inserts.size());
            List<ClaimedJob> leases = GatheredInserts.insert(c, inserts, ids);
            List<StartedInsert> stored = new ArrayList<>(ids.size());
            for (int i = 0; i < ids.size(); i++) {
                stored.add(new StartedInsert(ids.get(i), leases.get(i)));
            }
            return stored;
        });
    }

    private List<Long> insert(Connection c, List<NewJob> jobs) throws SQLException {
        List<Long> ids = jobIds.take(c, jobs.size());
        Optional<PGConnection> copy = jobs.size() >= PostgresCopy.MIN_ROWS ? PostgresCopy.driver(c) : Optional.empty();
        if (copy.isPresent()) {
            PostgresCopy.insert(copy.get(), jobs, ids);
        } else {
            PostgresHotPath.insert(c, jobs, ids);
        }
        return ids;
    }

    /** Not the hot path: the JPA store's JDBC, in the caller's transaction or one of its own. */
    @Override
    public List<InsertOutcome> insertUnique(List<NewJob> jobs, List<String> uniqueKeys, Instant succeededSince) {
        return jpa.insertUnique(jobs, uniqueKeys, succeededSince);
    }

    /** A resumed queue's jobs may sit behind its claim frontier: the next claims look from the start. */
    @Override
    public boolean setQueuePaused(String queue, boolean paused, Instant now) {
        boolean changed = jpa.setQueuePaused(queue, paused, now);
        if (!paused) {
            frontiers.forgetAll();
        }
        return changed;
    }

    @Override
    public Set<String> pausedQueues() {
        return jpa.pausedQueues();
    }

    /**
     * One statement outside any JTA transaction: it commits on its own, and the engine saves a
     * transaction begin, enlistment and commit per claim.
     */
    @Override
    public List<ClaimedJob> claim(String queue, Collection<String> types, int limit, String owner, Instant now) {
        if (types.isEmpty() || limit <= 0) {
            return List.of();
        }
        return jdbc(c -> frontiers.claim(c, queue, types, limit, owner, now));
    }

    @Override
    public Renewals renew(List<Lease> renewals) {
        return renewals.isEmpty() ? new Renewals(Set.of(), Set.of()) : jdbc(c -> PostgresHotPath.heartbeat(c, renewals));
    }

    @Override
    public Set<Long> succeedAttempts(List<AttemptEnd> ends, Instant now, boolean keep) {
        return ends.isEmpty() ? Set.of() : jdbc(c -> PostgresHotPath.succeed(c, ends, now, keep));
    }

    @Override
    public boolean fail(AttemptEnd end, Instant nextRunAt, String error, Instant now) {
        return jpa.fail(end, nextRunAt, error, now);
    }

    @Override
    public boolean expire(AttemptEnd end, Instant nextRunAt, String error, Instant now) {
        return jpa.expire(end, nextRunAt, error, now);
    }

    @Override
    public boolean cancelRunning(AttemptEnd end, Instant now) {
        return jpa.cancelRunning(end, now);
    }

    @Override
    public boolean expireCancelled(AttemptEnd end, String error, Instant now) {
        return jpa.expireCancelled(end, error, now);
    }

    @Override
    public boolean expireUnstarted(long id, String token, String error) {
        boolean taken = jpa.expireUnstarted(id, token, error);
        if (taken) {
            frontiers.forgetAll(); // due at once, behind the frontier: as for a hand-back
        }
        return taken;
    }

    /** A job handed back sits behind the claim frontier it was claimed at: the next claims look from the start. */
    @Override
    public boolean release(long id, String token) {
        boolean released = jpa.release(id, token);
        if (released) {
            frontiers.forgetAll();
        }
        return released;
    }

    @Override
    public Optional<WakeUpSource> openWakeUpSource() {
        if (!PostgresDriver.visible()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new PostgresWakeUpSource(persistence.dataSource(), NODE_TAG));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot LISTEN for new jobs", e);
        }
    }

    /**
     * Sends one notification per queue, in one autocommit statement of its own. Not sent inside
     * the enqueuing transactions: PostgreSQL serialises the commits of notifying transactions,
     * which would cap enqueues at one disk flush each.
     */
    @Override
    @Transactional(TxType.NOT_SUPPORTED)
    public void announce(Collection<String> queues) {
        if (queues.isEmpty()) {
            return;
        }
        jdbc(c -> {
            PostgresHotPath.notify(c, queues.stream().map(q -> q + PostgresWakeUpSource.TAG_SEPARATOR + NODE_TAG)
                    .toList());
            return null;
        });
    }

    @Override
    public List<ExpiredLease> expiredLeases(int limit) {
        return jpa.expiredLeases(limit);
    }

    @Override
    public Optional<JobInfo> find(long id) {
        return jpa.find(id);
    }

    /**
     * Also notifies the cancel channel, so a node running the job stops it at once rather than at
     * its next heartbeat; inside the caller's transaction the notification goes out at commit.
     */
    @Override
    public boolean cancel(long id, Instant now) {
        boolean done = jpa.cancel(id, now);
        if (done) {
            jdbc(c -> {
                PostgresHotPath.notifyCancel(c, id);
                return null;
            });
        }
        return done;
    }

    @Override
    public List<JobAttempt> attempts(long id) {
        return jpa.attempts(id);
    }

    @Override
    public List<JobLogLine> log(long id) {
        return jpa.log(id);
    }

    @Override
    public boolean revive(long id, Instant now) {
        return jpa.revive(id, now);
    }

    @Override
    public int pruneSucceeded(Instant finishedBefore, int batch) {
        return jpa.pruneSucceeded(finishedBefore, batch);
    }

    @Override
    public Map<String, Long> queuedByType() {
        return jpa.queuedByType();
    }

    @Override
    public boolean saveSchedule(ScheduleSpec schedule) {
        return jpa.saveSchedule(schedule);
    }

    @Override
    public boolean deleteSchedule(String name) {
        return jpa.deleteSchedule(name);
    }

    @Override
    public List<ScheduleSpec> dueSchedules(Instant now, int limit) {
        return jpa.dueSchedules(now, limit);
    }

    @Override
    public TickOutcome fireSchedule(String name, Instant tick, Instant nextTick, NewJob job) {
        return jpa.fireSchedule(name, tick, nextTick, job);
    }

    @Override
    public boolean pauseSchedule(String name) {
        return jpa.pauseSchedule(name);
    }

    @Override
    public boolean resumeSchedule(String name, Instant nextTick) {
        return jpa.resumeSchedule(name, nextTick);
    }

    @Override
    public java.util.OptionalLong triggerSchedule(String name, NewJob job, Instant now) {
        return jpa.triggerSchedule(name, job, now);
    }

    /** Continuations and batches are rare next to plain enqueues: the JPA store's inserts serve them. */
    @Override
    public java.util.OptionalLong insertAfter(long parentId, NewJob job, Instant now) {
        return jpa.insertAfter(parentId, job, now);
    }

    @Override
    public List<Long> insertBatch(List<NewJob> members, NewJob onComplete) {
        return jpa.insertBatch(members, onComplete);
    }

    @Override
    public Map<dev.eejobs.api.JobState, Long> batchCounts(long batchId) {
        return jpa.batchCounts(batchId);
    }

    @Override
    public int settleWaiting(Instant now, int limit) {
        return jpa.settleWaiting(now, limit);
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
