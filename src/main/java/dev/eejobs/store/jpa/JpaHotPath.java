package dev.eejobs.store.jpa;

import dev.eejobs.api.JobAttempt;
import dev.eejobs.api.JobState;
import dev.eejobs.store.AttemptEnd;
import dev.eejobs.store.ClaimedJob;
import dev.eejobs.store.JobTransition;
import dev.eejobs.store.Lease;
import dev.eejobs.store.NewJob;
import dev.eejobs.store.Renewals;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Inserts, claims, heartbeats and completions through JPA: the path for databases without the
 * PostgreSQL statements of {@link PostgresHotPath}. Inserts join the caller's transaction (or
 * make one); the engine's writes each run in a transaction of their own. The pick of due jobs is
 * native, to use {@code SKIP LOCKED} where the database has it; each claim of a picked job is a
 * compare-and-set on its state, so two nodes picking the same job claim it once.
 */
@ApplicationScoped
class JpaHotPath {

    /** Inserts of this many jobs are flushed and detached, keeping big batches' memory flat. */
    private static final int FLUSH_EVERY = 1_000;
    /** A success's attempt is kept on the job row, not as a history row of its own (see V10). */
    private static final String SUCCESS_SETS = ", j.successNode = :node, j.successStartedAt = :started,"
            + " j.successFinishedAt = :finished";

    @Inject
    @ModuleUnit
    EntityManager em;

    @Inject
    JobIds ids;

    @Transactional(TxType.REQUIRED)
    List<Long> insert(List<NewJob> jobs) {
        List<Long> taken = ids.take(jobs.size());
        int pending = 0;
        for (int i = 0; i < jobs.size(); i++) {
            em.persist(JobRecord.from(jobs.get(i), taken.get(i)));
            if (++pending == FLUSH_EVERY) {
                em.flush();
                em.clear();
                pending = 0;
            }
        }
        em.flush();
        return taken;
    }

    @Transactional(TxType.REQUIRES_NEW)
    List<ClaimedJob> claim(SqlDialect dialect, String queue, Collection<String> types, int limit, String owner, Instant now) {
        if (types.isEmpty() || limit <= 0) {
            return List.of();
        }
        Query pick = em.createNativeQuery(dialect.candidates(types.size()));
        int p = 1;
        pick.setParameter(p++, queue);
        pick.setParameter(p++, queue); // the pause
        pick.setParameter(p++, Utc.of(now));
        for (String type : types) {
            pick.setParameter(p++, type);
        }
        pick.setParameter(p, limit);
        List<Long> claimed = new ArrayList<>();
        Instant dbNow = null;
        for (Object row : pick.getResultList()) {
            if (dbNow == null) {
                dbNow = DatabaseClock.now(em, dialect);
            }
            Object[] cols = (Object[]) row;
            long id = ((Number) cols[0]).longValue();
            long heartbeatMillis = ((Number) cols[1]).longValue();
            int updated = JpqlTransitions.of(em, JobTransition.CLAIM, id)
                    .setParameter("token", UUID.randomUUID().toString())
                    .setParameter("owner", owner)
                    .setParameter("now", Utc.of(now))
                    .setParameter("dbNow", Utc.of(dbNow))
                    .setParameter("expires", Utc.of(dbNow.plusMillis(heartbeatMillis * ClaimedJob.LEASE_INTERVALS)))
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

    /**
     * Renews each lease from the database's clock, as the claim stamped it, writes what each job
     * reported, and reads which jobs have a cancel request.
     */
    @Transactional(TxType.REQUIRES_NEW)
    Renewals heartbeat(SqlDialect dialect, List<Lease> renewals) {
        if (renewals.isEmpty()) {
            return new Renewals(Set.of(), Set.of());
        }
        Instant dbNow = DatabaseClock.now(em, dialect);
        Map<Long, Long> heartbeatMillis = new HashMap<>();
        Set<Long> cancelRequested = new HashSet<>();
        for (Object[] row : em.createQuery("SELECT j.id, j.heartbeatMillis, j.cancelRequestedAt FROM JobRecord j"
                                + " WHERE j.id IN :ids", Object[].class)
                .setParameter("ids", renewals.stream().map(Lease::id).toList())
                .getResultList()) {
            heartbeatMillis.put(((Number) row[0]).longValue(), ((Number) row[1]).longValue());
            if (row[2] != null) {
                cancelRequested.add(((Number) row[0]).longValue());
            }
        }
        Set<Long> renewed = new HashSet<>();
        for (Lease lease : renewals) {
            Long interval = heartbeatMillis.get(lease.id());
            if (interval == null) {
                continue; // deleted: certainly not this lease's any more
            }
            int updated = em.createQuery("UPDATE JobRecord j SET j.heartbeatAt = :now, j.leaseExpiresAt = :expires"
                            + (lease.started() ? ", j.startRecordedAt = COALESCE(j.startRecordedAt, :now)" : "")
                            + " WHERE j.id = :id AND j.leaseToken = :token AND j.status = :running")
                    .setParameter("now", Utc.of(dbNow))
                    .setParameter("expires", Utc.of(dbNow.plusMillis(interval * ClaimedJob.LEASE_INTERVALS)))
                    .setParameter("id", lease.id())
                    .setParameter("token", lease.token())
                    .setParameter("running", JobState.RUNNING)
                    .executeUpdate();
            if (updated == 1) {
                renewed.add(lease.id());
                AttemptWrites.progress(em, lease.id(), lease.progress());
            } else if (lease.progress() != null) {
                // the attempt's outcome may have been written while this renewal was on its way:
                // its lines are kept all the same (they carry their attempt), its progress is not
                AttemptWrites.lines(em, lease.id(), lease.progress().lines());
            }
        }
        cancelRequested.retainAll(renewed);
        return new Renewals(renewed, cancelRequested);
    }

    /**
     * Marks the jobs SUCCEEDED and settles what waited on them (see {@link Continuations}); when
     * they are not kept, deletes them after that, in the same transaction.
     */
    @Transactional(TxType.REQUIRES_NEW)
    Set<Long> succeed(List<AttemptEnd> ends, Instant now, boolean keep) {
        if (ends.isEmpty()) {
            return Set.of();
        }
        Set<Long> written = new HashSet<>();
        for (AttemptEnd end : ends) {
            Lease lease = end.lease();
            JobAttempt a = keep ? end.attempt() : null;
            Query q = JpqlTransitions.of(em, JobTransition.SUCCEED, lease.id(), a == null ? "" : SUCCESS_SETS,
                            JpqlTransitions.FENCE)
                    .setParameter("now", Utc.of(now));
            if (a != null) {
                q.setParameter("node", a.node())
                        .setParameter("started", Utc.of(a.startedAt()))
                        .setParameter("finished", Utc.of(a.finishedAt()));
            }
            if (q.setParameter("token", lease.token()).executeUpdate() == 1) {
                written.add(lease.id());
                if (keep) {
                    AttemptWrites.progress(em, lease.id(), end.progress());
                }
            }
        }
        Continuations.afterSuccess(em, written, now);
        if (!keep && !written.isEmpty()) {
            em.createQuery("DELETE FROM JobRecord j WHERE j.id IN :ids AND j.status = :succeeded")
                    .setParameter("ids", written)
                    .setParameter("succeeded", JobState.SUCCEEDED)
                    .executeUpdate();
        }
        return written;
    }
}
