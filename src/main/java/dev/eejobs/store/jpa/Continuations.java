package dev.eejobs.store.jpa;

import dev.eejobs.api.JobState;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What an outcome write does for the jobs waiting on the finished ones, in the outcome's own
 * transaction: a parent's success makes its WAITING children QUEUED, a parent that ended DEAD or
 * CANCELLED cancels them, and a batch member's end makes the batch's on-complete job QUEUED once
 * no member is unfinished. Native SQL, the same on every database.
 *
 * <p>Races are closed by row locks, so each side sees the other's commit: a continuation is
 * inserted under a shared lock on its parent ({@link #lockParent}) that every outcome write
 * conflicts with ({@link #lockForOutcome} where the outcome's own update does not, on PostgreSQL),
 * and the statements after the lock read the rows committed meanwhile (a fresh snapshot per
 * statement; on MariaDB, updates read the latest rows). Two members of one batch finishing at once
 * lock the on-complete job before counting, so the second counts after the first committed.
 */
final class Continuations {

    private static final String ACTIVE = "('" + JobState.WAITING + "', '" + JobState.QUEUED + "', '"
            + JobState.RUNNING + "')";
    private static final String FINAL = "('" + JobState.SUCCEEDED + "', '" + JobState.DEAD + "', '"
            + JobState.CANCELLED + "')";

    /** The on-complete job becomes QUEUED only if it still waits and no member is unfinished. */
    static final String RELEASE_BATCH = "UPDATE eejobs_job SET status = '" + JobState.QUEUED + "', run_at = ?"
            + " WHERE id = ? AND status = '" + JobState.WAITING + "' AND NOT EXISTS (SELECT 1 FROM"
            + " (SELECT m.id FROM eejobs_job m WHERE m.batch_id = ? AND m.id <> ? AND m.status IN " + ACTIVE + ") u)";

    private Continuations() {}

    /**
     * Locks the parent's row for the length of the inserting transaction, in a mode that does not
     * hold up its heartbeats where the database has one (PostgreSQL's KEY SHARE).
     *
     * @return the parent's state, or empty if there is no such job
     */
    static Optional<JobState> lockParent(EntityManager em, SqlDialect dialect, long parentId) {
        String lock = switch (dialect) {
            case POSTGRESQL -> " FOR KEY SHARE";
            case MARIADB -> " LOCK IN SHARE MODE";
            default -> " FOR UPDATE";
        };
        List<?> rows = em.createNativeQuery("SELECT status FROM eejobs_job WHERE id = ?" + lock)
                .setParameter(1, parentId).getResultList();
        return rows.isEmpty() ? Optional.empty() : Optional.of(JobState.valueOf(String.valueOf(rows.get(0))));
    }

    /** Takes the lock a continuation's insert waits for, before an outcome write of the job. */
    static void lockForOutcome(EntityManager em, long id) {
        em.createNativeQuery("SELECT id FROM eejobs_job WHERE id = ? FOR UPDATE").setParameter(1, id).getResultList();
    }

    /** After the jobs succeeded: their children become QUEUED, their batches are checked. */
    static void afterSuccess(EntityManager em, Collection<Long> succeeded, Instant now) {
        if (succeeded.isEmpty()) {
            return;
        }
        var q = em.createNativeQuery("UPDATE eejobs_job SET status = '" + JobState.QUEUED + "', run_at = ? WHERE status = '"
                + JobState.WAITING + "' AND parent_id IN (" + marks(succeeded.size()) + ")");
        q.setParameter(1, Utc.of(now));
        int p = 2;
        for (long id : succeeded) {
            q.setParameter(p++, id);
        }
        q.executeUpdate();
        releaseBatches(em, succeeded, now);
    }

    /** After the job ended DEAD or CANCELLED: its children are cancelled, its batch is checked. */
    static void afterFailure(EntityManager em, long id, JobState state, Instant now) {
        em.createNativeQuery("UPDATE eejobs_job SET status = '" + JobState.CANCELLED + "', unique_active = NULL, finished_at = ?,"
                        + " last_error = ? WHERE status = '" + JobState.WAITING + "' AND parent_id = ?")
                .setParameter(1, Utc.of(now))
                .setParameter(2, reason(id, state))
                .setParameter(3, id)
                .executeUpdate();
        releaseBatches(em, List.of(id), now);
    }

    static String reason(long parentId, JobState state) {
        return state == null ? "parent " + parentId + " no longer exists" : "parent " + parentId + " ended " + state;
    }

    private static void releaseBatches(EntityManager em, Collection<Long> finished, Instant now) {
        var read = em.createNativeQuery("SELECT batch_id FROM eejobs_job WHERE id IN (" + marks(finished.size())
                + ") AND batch_id IS NOT NULL FOR UPDATE"); // a locking read: no stale snapshot on MariaDB
        int p = 1;
        for (long id : finished) {
            read.setParameter(p++, id);
        }
        TreeSet<Long> batches = new TreeSet<>(); // in id order: two writers lock on-complete jobs alike
        for (Object row : read.getResultList()) {
            batches.add(((Number) row).longValue());
        }
        batches.removeAll(finished); // an on-complete job that finished itself releases nothing
        for (long batch : batches) {
            lockForOutcome(em, batch);
            releaseBatch(em, batch, now);
        }
    }

    static boolean releaseBatch(EntityManager em, long batch, Instant now) {
        return em.createNativeQuery(RELEASE_BATCH)
                .setParameter(1, Utc.of(now))
                .setParameter(2, batch)
                .setParameter(3, batch)
                .setParameter(4, batch)
                .executeUpdate() == 1;
    }

    /**
     * @return up to {@code limit} WAITING children whose parent is final or gone, as
     *     {id, parent id, parent state or null}
     */
    static List<Object[]> strandedChildren(EntityManager em, int limit) {
        List<Object[]> found = new ArrayList<>();
        for (Object row : em.createNativeQuery("SELECT c.id, c.parent_id, p.status FROM eejobs_job c"
                        + " LEFT JOIN eejobs_job p ON p.id = c.parent_id WHERE c.status = '" + JobState.WAITING
                        + "' AND c.parent_id IS NOT NULL AND (p.id IS NULL OR p.status IN " + FINAL + ")")
                .setMaxResults(limit).getResultList()) {
            found.add((Object[]) row);
        }
        return found;
    }

    /** @return up to {@code limit} WAITING on-complete jobs whose batch has no unfinished member */
    static List<Long> finishedBatches(EntityManager em, int limit) {
        List<Long> found = new ArrayList<>();
        for (Object row : em.createNativeQuery("SELECT o.id FROM eejobs_job o WHERE o.status = '" + JobState.WAITING
                        + "' AND o.batch_id = o.id AND NOT EXISTS (SELECT 1 FROM eejobs_job m WHERE m.batch_id = o.id"
                        + " AND m.id <> o.id AND m.status IN " + ACTIVE + ")")
                .setMaxResults(limit).getResultList()) {
            found.add(((Number) row).longValue());
        }
        return found;
    }

    private static String marks(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }
}
