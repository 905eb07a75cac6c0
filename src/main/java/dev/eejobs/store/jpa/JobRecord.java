package dev.eejobs.store.jpa;

import dev.eejobs.api.JobId;
import dev.eejobs.api.JobInfo;
import dev.eejobs.api.JobState;
import dev.eejobs.store.ClaimedJob;
import dev.eejobs.store.NewJob;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One row of {@code eejobs_job}. Only the store touches it; the engine sees value types. */
@Entity
@Table(name = "eejobs_job")
public class JobRecord {

    /** Ids are handed out in blocks so a batch insert needs no round trip per job. */
    static final int ID_BLOCK = 100;

    @Id
    @SequenceGenerator(name = "eejobs_job_seq", sequenceName = "eejobs_job_seq", allocationSize = ID_BLOCK)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "eejobs_job_seq")
    Long id;

    @Column(name = "job_type", nullable = false)
    String type;

    @Column(name = "queue_name", nullable = false)
    String queue;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false)
    JobState status;

    @Column(name = "argument_json", nullable = false)
    String argumentJson;

    @Column(name = "priority", nullable = false)
    int priority;

    @Column(name = "run_at", nullable = false)
    OffsetDateTime runAt;

    @Column(name = "enqueued_at", nullable = false)
    OffsetDateTime enqueuedAt;

    @Column(name = "attempts", nullable = false)
    int attempts;

    @Column(name = "max_retries", nullable = false)
    int maxRetries;

    @Column(name = "backoff", nullable = false)
    String backoff;

    @Column(name = "heartbeat_ms", nullable = false)
    long heartbeatMillis;

    @Column(name = "lease_token")
    String leaseToken;

    @Column(name = "lease_owner")
    String leaseOwner;

    @Column(name = "heartbeat_at")
    OffsetDateTime heartbeatAt;

    @Column(name = "lease_expires_at")
    OffsetDateTime leaseExpiresAt;

    @Column(name = "started_at")
    OffsetDateTime startedAt;

    @Column(name = "finished_at")
    OffsetDateTime finishedAt;

    @Column(name = "last_error")
    String lastError;

    @Column(name = "schedule_key")
    String scheduleKey;

    static JobRecord from(NewJob job) {
        JobRecord r = new JobRecord();
        r.type = job.type();
        r.queue = job.queue();
        r.status = JobState.QUEUED;
        r.argumentJson = job.argumentJson();
        r.priority = job.priority();
        r.runAt = Utc.of(job.runAt());
        r.enqueuedAt = Utc.of(job.enqueuedAt());
        r.maxRetries = job.maxRetries();
        r.backoff = job.backoff();
        r.heartbeatMillis = job.heartbeatMillis();
        r.scheduleKey = job.scheduleKey();
        return r;
    }

    ClaimedJob toClaimed() {
        return new ClaimedJob(id, type, queue, argumentJson, attempts, maxRetries, backoff, heartbeatMillis,
                leaseToken, Utc.instant(runAt));
    }

    JobInfo toInfo() {
        return new JobInfo(new JobId(id), type, queue, status, attempts, maxRetries, priority, Utc.instant(runAt),
                Utc.instant(enqueuedAt), Utc.instant(startedAt), Utc.instant(finishedAt), lastError, argumentJson);
    }
}
