package dev.eejobs.store.jpa;

import dev.eejobs.api.JobState;
import dev.eejobs.store.ClaimedJob;
import dev.eejobs.store.JobTransition;
import dev.eejobs.store.Lease;
import dev.eejobs.store.NewJob;
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

    /** Renews each lease from the database's clock, as the claim stamped it. */
    @Transactional(TxType.REQUIRES_NEW)
    Set<Long> heartbeat(SqlDialect dialect, List<Lease> renewals) {
        if (renewals.isEmpty()) {
            return Set.of();
        }
        Instant dbNow = DatabaseClock.now(em, dialect);
        Map<Long, Long> heartbeatMillis = new HashMap<>();
        for (Object[] row : em.createQuery("SELECT j.id, j.heartbeatMillis FROM JobRecord j WHERE j.id IN :ids",
                        Object[].class)
                .setParameter("ids", renewals.stream().map(Lease::id).toList())
                .getResultList()) {
            heartbeatMillis.put(((Number) row[0]).longValue(), ((Number) row[1]).longValue());
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
            }
        }
        return renewed;
    }

    @Transactional(TxType.REQUIRES_NEW)
    Set<Long> succeed(List<Lease> leases, Instant now, boolean keep) {
        if (leases.isEmpty()) {
            return Set.of();
        }
        Set<Long> written = new HashSet<>();
        for (Lease lease : leases) {
            Query q = keep
                    ? JpqlTransitions.of(em, JobTransition.SUCCEED, lease.id(), JpqlTransitions.FENCE).setParameter("now", Utc.of(now))
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
}
