package dev.eejobs.store.jpa;

import dev.eejobs.api.AttemptOutcome;
import dev.eejobs.api.JobAttempt;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.OffsetDateTime;

/** One row of {@code eejobs_attempt}: a finished attempt, deleted with its job by cascade. */
@Entity
@Table(name = "eejobs_attempt")
public final class AttemptRecord {

    /** The database's identity value; rows are inserted natively ({@link AttemptWrites}) and only read here. */
    @Id
    Long id;

    @Column(name = "job_id", nullable = false)
    long jobId;

    @Column(name = "attempt", nullable = false)
    int attempt;

    @Column(name = "node")
    String node;

    @Column(name = "started_at")
    OffsetDateTime startedAt;

    @Column(name = "finished_at", nullable = false)
    OffsetDateTime finishedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "outcome", nullable = false)
    AttemptOutcome outcome;

    @Column(name = "error")
    String error;

    @Column(name = "trace")
    String trace;

    @Column(name = "duration_ms")
    Long durationMillis;

    JobAttempt toAttempt() {
        return new JobAttempt(attempt, node, Utc.instant(startedAt), Utc.instant(finishedAt), outcome, error, trace,
                durationMillis == null ? null : Duration.ofMillis(durationMillis));
    }
}
