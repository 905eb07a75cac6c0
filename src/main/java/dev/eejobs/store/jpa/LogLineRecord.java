package dev.eejobs.store.jpa;

import dev.eejobs.api.JobLogLine;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One row of {@code eejobs_job_log}: a line a job logged, deleted with its job by cascade. */
@Entity
@Table(name = "eejobs_job_log")
public final class LogLineRecord {

    /** The database's identity value; rows are inserted natively ({@link AttemptWrites}) and only read here. */
    @Id
    Long id;

    @Column(name = "job_id", nullable = false)
    long jobId;

    @Column(name = "attempt", nullable = false)
    int attempt;

    @Column(name = "logged_at", nullable = false)
    OffsetDateTime loggedAt;

    @Column(name = "message", nullable = false)
    String message;

    JobLogLine toLine() {
        return new JobLogLine(attempt, Utc.instant(loggedAt), message);
    }
}
