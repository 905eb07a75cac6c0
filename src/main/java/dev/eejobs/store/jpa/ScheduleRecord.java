package dev.eejobs.store.jpa;

import dev.eejobs.store.ScheduleSpec;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One row of {@code eejobs_schedule}. */
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

    /**
     * Sets every column from the spec. Changes go through this method, inside the entity, so the
     * provider's woven change tracking sees them.
     */
    void define(ScheduleSpec spec) {
        type = spec.type();
        argumentJson = spec.argumentJson();
        intervalMillis = spec.cron() == null ? spec.intervalMillis() : null;
        cron = spec.cron();
        zone = spec.zone();
        nextFireAt = Utc.of(spec.nextFireAt());
    }

    ScheduleSpec toSpec() {
        return new ScheduleSpec(name, type, argumentJson, intervalMillis == null ? 0 : intervalMillis, cron, zone,
                Utc.instant(nextFireAt));
    }
}
