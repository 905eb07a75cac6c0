package dev.eejobs.engine;

import dev.eejobs.api.InvalidJobException;
import dev.eejobs.config.EngineClock;
import dev.eejobs.store.JobStore;
import dev.eejobs.store.ScheduleSpec;
import dev.eejobs.store.jpa.SchemaMigrator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;

/**
 * Declares recurring schedules: by job type name with the argument already in JSON, as the HTTP
 * API receives them, and — through {@link #saveEvery} and {@link #saveCron} — for the typed
 * {@link dev.eejobs.api.JobQueue#every} and {@link dev.eejobs.api.JobQueue#cron}. The argument is read into the job's
 * argument type and written back, so only arguments the job can read are stored.
 */
@ApplicationScoped
public class JsonSchedules {

    @Inject
    JobTypes types;

    @Inject
    ArgumentCodec codec;

    @Inject
    JobStore store;

    @Inject
    @EngineClock
    Clock clock;

    @Inject
    SchemaMigrator schema;

    /**
     * Creates or replaces an interval schedule.
     *
     * @param name the schedule's unique name
     * @param interval time between ticks, at least one second
     * @param typeName a registered job type
     * @param argumentJson the argument every fired job gets
     * @throws InvalidJobException naming the refused field
     */
    public void every(String name, Duration interval, String typeName, String argumentJson) {
        RegisteredJobType type = types.require(typeName);
        saveEvery(name, "every", interval, type, () -> codec.normalise(argumentJson, type.argumentType()));
    }

    /** Stores an interval schedule; the argument is serialised only once the cheap checks passed. */
    void saveEvery(String name, String intervalField, Duration interval, RegisteredJobType type,
            Supplier<String> json) {
        validName(name);
        if (interval == null || interval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new InvalidJobException(intervalField, "must be at least 1s, was " + interval);
        }
        schema.ensureCurrent();
        store.saveSchedule(new ScheduleSpec(name, type.name(), json.get(), interval.toMillis(), null, null,
                clock.instant().truncatedTo(ChronoUnit.MILLIS)));
    }

    /**
     * Creates or replaces a cron schedule.
     *
     * @param name the schedule's unique name
     * @param expression five-field cron expression or macro
     * @param zone the time zone the expression is read in
     * @param typeName a registered job type
     * @param argumentJson the argument every fired job gets
     * @throws InvalidJobException naming the refused field
     */
    public void cron(String name, String expression, ZoneId zone, String typeName, String argumentJson) {
        RegisteredJobType type = types.require(typeName);
        saveCron(name, expression, zone, type, () -> codec.normalise(argumentJson, type.argumentType()));
    }

    /** Stores a cron schedule; the argument is serialised only once the cheap checks passed. */
    void saveCron(String name, String expression, ZoneId zone, RegisteredJobType type,
            Supplier<String> json) {
        validName(name);
        if (zone == null) {
            throw new InvalidJobException("zone", "must not be null");
        }
        CronExpression cron = CronExpression.parse(expression);
        schema.ensureCurrent();
        store.saveSchedule(new ScheduleSpec(name, type.name(), json.get(), 0, cron.toString(), zone.getId(),
                cron.nextAfter(clock.instant(), zone)));
    }

    private static void validName(String name) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new InvalidJobException("name", "must be 1-200 characters, was '" + name + "'");
        }
    }
}
