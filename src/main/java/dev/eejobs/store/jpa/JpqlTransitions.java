package dev.eejobs.store.jpa;

import dev.eejobs.store.JobTransition;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.util.List;

/**
 * JPQL updates for the named transitions of one job: each moves the job from the transition's
 * source states to its target and sets the columns that transition owns, so an illegal
 * transition changes no row.
 */
final class JpqlTransitions {

    /** The lease-token condition: only the current lease holder may write. */
    static final String FENCE = " AND j.leaseToken = :token";

    /** Every transition out of RUNNING clears the lease (see {@link JobColumns#LEASE}). */
    private static final String CLEAR_LEASE = ", " + JobColumns.clearLeaseJpql();

    private JpqlTransitions() {}

    static Query of(EntityManager em, JobTransition t, long id) {
        return of(em, t, id, "");
    }

    static Query of(EntityManager em, JobTransition t, long id, String extraCondition) {
        return of(em, t, id, "", extraCondition);
    }

    /**
     * @param extraSets further assignments, each starting with a comma
     */
    static Query of(EntityManager em, JobTransition t, long id, String extraSets, String extraCondition) {
        String sets = switch (t) {
            case CLAIM -> "j.attempts = j.attempts + 1, j.leaseToken = :token, j.leaseOwner = :owner,"
                    + " j.startedAt = :now, j.heartbeatAt = :dbNow, j.leaseExpiresAt = :expires,"
                    + " j.startRecordedAt = NULLIF(j.startRecordedAt, j.startRecordedAt)";
            case SUCCEED -> "j.finishedAt = :now" + CLEAR_LEASE;
            case RETRY -> "j.runAt = :runAt, j.lastError = :error" + CLEAR_LEASE;
            case BURY -> "j.finishedAt = :now, j.lastError = :error" + CLEAR_LEASE;
            case RELEASE -> "j.attempts = j.attempts - 1" + CLEAR_LEASE;
            case EXPIRE_UNSTARTED -> "j.attempts = j.attempts - 1, j.expiriesUnstarted = j.expiriesUnstarted + 1,"
                    + " j.runAt = :runAt, j.lastError = :error" + CLEAR_LEASE;
            case CANCEL -> "j.finishedAt = :now";
            case CANCEL_RUNNING -> "j.finishedAt = :now" + CLEAR_LEASE;
            case REVIVE -> "j.attempts = 0, j.expiriesUnstarted = 0, j.runAt = :now, j.finishedAt = NULLIF(j.finishedAt, j.finishedAt)"
                    + ", j.cancelRequestedAt = NULLIF(j.cancelRequestedAt, j.cancelRequestedAt)";
            case UNBLOCK -> "j.runAt = :now";
            case ABANDON -> "j.finishedAt = :now, j.lastError = :error";
        };
        if (t.deactivates()) {
            sets += ", j.uniqueActive = NULL"; // frees the unique key for a new job
        } else if (t.activates()) {
            sets += ", j.uniqueActive = j.uniqueKey";
        }
        Query q = em.createQuery("UPDATE JobRecord j SET j.status = :to, " + sets + extraSets
                        + " WHERE j.id = :id AND j.status IN :from" + extraCondition)
                .setParameter("to", t.to())
                .setParameter("from", List.copyOf(t.from()))
                .setParameter("id", id);
        return q;
    }
}
