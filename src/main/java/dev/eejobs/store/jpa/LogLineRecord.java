package dev.eejobs.store.jpa;

import dev.eejobs.api.JobLogLine;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One row of {@code eejobs_job_log}: a line a job logged, deleted with its job by cascade. */
@Entity
@Table(name = "eejobs_job_log")
public final class LogLineRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(name = "job_id", nullable = false)
    long jobId;

    @Column(name = "attempt", nullable = false)
    int attempt;

    @Column(name = "logged_at", nullable = false)
    OffsetDateTime loggedAt;

    @Column(name = "message", nullable = false)
    String message;

    static LogLineRecord of(long jobId, JobLogLine line) {
        LogLineRecord r = new LogLineRecord();
        r.jobId = jobId;
        r.attempt = line.attempt();
        r.loggedAt = Utc.of(line.at());
        r.message = line.message();
        return r;
    }

    JobLogLine toLine() {
        return new JobLogLine(attempt, Utc.instant(loggedAt), message);
    }
}
