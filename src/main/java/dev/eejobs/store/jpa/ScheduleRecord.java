package dev.eejobs.store.jpa;

import dev.eejobs.api.JobId;
import dev.eejobs.api.ScheduleOverlap;
import dev.eejobs.api.ScheduleSpec;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One row of {@code eejobs_schedule}, as read; rows are written by {@link ScheduleUpsert} and JPQL updates. */
@Entity
@Table(name = "eejobs_schedule")
public final class ScheduleRecord {

    @Id
    @Column(name = "name")
    String name;

    @Column(name = "job_type", nullable = false)
    String type;

    @Column(name = "argument_json", nullable = false)
    String argumentJson;

    @Column(name = "interval_ms")
    Long intervalMillis;

    @Column(name = "cron")
    String cron;

    @Column(name = "time_zone")
    String zone;

    @Column(name = "next_fire_at", nullable = false)
    OffsetDateTime nextFireAt;

    @Column(name = "paused", nullable = false)
    boolean paused;

    @Column(name = "overlap", nullable = false)
    String overlap;

    @Column(name = "last_job_id")
    Long lastJobId;

    @Column(name = "last_fired_at")
    OffsetDateTime lastFiredAt;

    ScheduleSpec toSpec() {
        return new ScheduleSpec(name, type, argumentJson, intervalMillis == null ? 0 : intervalMillis, cron, zone,
                Utc.instant(nextFireAt), paused, overlap(overlap), lastJobId == null ? null : new JobId(lastJobId),
                Utc.instant(lastFiredAt));
    }

    /** A stored row must never break a read: an unknown policy reads as the default. */
    static ScheduleOverlap overlap(String text) {
        return ScheduleOverlap.ALLOW.text().equals(text) ? ScheduleOverlap.ALLOW : ScheduleOverlap.SKIP;
    }
}
