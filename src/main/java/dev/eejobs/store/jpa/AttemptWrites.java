package dev.eejobs.store.jpa;

import dev.eejobs.api.JobLogLine;
import dev.eejobs.store.AttemptEnd;
import dev.eejobs.store.Progress;
import jakarta.persistence.EntityManager;

/**
 * What goes with a job's write in the same transaction, once its fenced update changed the row:
 * the latest progress, new log lines and the attempt's history row.
 */
final class AttemptWrites {

    private AttemptWrites() {}

    /** Writes the attempt's history row (if any) and what the job reported last. */
    static void ended(EntityManager em, AttemptEnd end) {
        long id = end.lease().id();
        progress(em, id, end.progress());
        if (end.attempt() != null) {
            em.persist(AttemptRecord.of(id, end.attempt()));
        }
    }

    /** Writes the latest progress, if any, and the new log lines. */
    static void progress(EntityManager em, long id, Progress progress) {
        if (progress == null || progress.isEmpty()) {
            return;
        }
        if (progress.percent() != null) {
            em.createQuery("UPDATE JobRecord j SET j.progress = :percent, j.progressMessage = :message WHERE j.id = :id")
                    .setParameter("percent", progress.percent())
                    .setParameter("message", progress.message())
                    .setParameter("id", id)
                    .executeUpdate();
        }
        for (JobLogLine line : progress.lines()) {
            em.persist(LogLineRecord.of(id, line));
        }
    }
}
