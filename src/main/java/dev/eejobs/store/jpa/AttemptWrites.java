package dev.eejobs.store.jpa;

import dev.eejobs.api.JobAttempt;
import dev.eejobs.api.JobLogLine;
import dev.eejobs.store.AttemptEnd;
import dev.eejobs.store.Progress;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What goes with a job's write in the same transaction, once its fenced update changed the row:
 * the latest progress, new log lines and the attempt's history row. The rows are inserted with
 * native statements: their ids are the database's identity values, which JPA's identity
 * generation cannot read back on every database (EclipseLink asks H2 2 for {@code IDENTITY()},
 * which it no longer has), and nothing needs them back.
 */
final class AttemptWrites {

    private AttemptWrites() {}

    /** Writes the attempt's history row (if any) and what the job reported last. */
    static void ended(EntityManager em, AttemptEnd end) {
        long id = end.lease().id();
        progress(em, id, end.progress());
        JobAttempt a = end.attempt();
        if (a == null) {
            return;
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("job_id", id);
        row.put("attempt", a.attempt());
        row.put("node", a.node());
        row.put("started_at", Utc.of(a.startedAt()));
        row.put("finished_at", Utc.of(a.finishedAt()));
        row.put("outcome", a.outcome().name());
        row.put("error", a.error());
        row.put("trace", a.trace());
        row.put("duration_ms", a.duration() == null ? null : a.duration().toMillis());
        row.values().removeIf(Objects::isNull); // a null parameter is bound untyped, which PostgreSQL refuses
        Query insert = em.createNativeQuery("INSERT INTO eejobs_attempt (" + String.join(", ", row.keySet())
                + ") VALUES (" + String.join(", ", Collections.nCopies(row.size(), "?")) + ")");
        int p = 1;
        for (Object value : row.values()) {
            insert.setParameter(p++, value);
        }
        insert.executeUpdate();
    }

    /** Writes the latest progress, if any, and the new log lines. */
    static void progress(EntityManager em, long id, Progress progress) {
        if (progress == null || progress.isEmpty()) {
            return;
        }
        if (progress.percent() != null) {
            Query update = em.createQuery("UPDATE JobRecord j SET j.progress = :percent, j.progressMessage = "
                            + (progress.message() == null ? "NULL" : ":message") + " WHERE j.id = :id")
                    .setParameter("percent", progress.percent())
                    .setParameter("id", id);
            if (progress.message() != null) {
                update.setParameter("message", progress.message());
            }
            update.executeUpdate();
        }
        lines(em, id, progress.lines());
    }

    /** Appends log lines to a job. */
    static void lines(EntityManager em, long id, java.util.List<JobLogLine> lines) {
        for (JobLogLine line : lines) {
            em.createNativeQuery("INSERT INTO eejobs_job_log (job_id, attempt, logged_at, message) VALUES (?, ?, ?, ?)")
                    .setParameter(1, id)
                    .setParameter(2, line.attempt())
                    .setParameter(3, Utc.of(line.at()))
                    .setParameter(4, line.message())
                    .executeUpdate();
        }
    }
}
