package dev.eejobs.engine;

import dev.eejobs.api.InvalidJobException;
import dev.eejobs.api.ScheduleOverlap;
import dev.eejobs.api.ScheduleSpec;
import dev.eejobs.api.TimeLimits;
import dev.eejobs.config.EngineClock;
import dev.eejobs.store.JobStore;
import dev.eejobs.store.Schema;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Declares recurring schedules: by job type name with the argument already in JSON, as the HTTP
 * API receives them, and — through {@link #saveEvery} and {@link #saveCron} — for the typed
 * {@link dev.eejobs.api.JobQueue#every} and {@link dev.eejobs.api.JobQueue#cron}. The argument is read into the job's
 * argument type and written back, so only arguments the job can read are stored.
 */
@ApplicationScoped
class JsonSchedules {

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
    Schema schema;
    /** Longest schedule name; the column holds 200 characters. */
    static final int MAX_NAME = 200;

    /** Longest cron expression; the column holds 200 characters. */
    static final int MAX_CRON = 200;

    /**
     * Letters, digits, '.', '_', ':' and '-', starting with a letter or digit: a name that is one
     * URL path segment as it stands, with no dot segment and nothing to escape.
     */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0," + (MAX_NAME - 1) + "}");

    /**
     * Creates or replaces an interval schedule.
     *
     * @param name the schedule's unique name
     * @param interval time between ticks, a whole number of milliseconds from 1 s to 100 years
     * @param typeName a registered job type
     * @param argumentJson the argument every fired job gets
     * @param overlap what a tick does while the previous tick's job has not finished
     * @return whether the schedule was created (false: an existing one was replaced)
     * @throws InvalidJobException naming the refused field
     */
    boolean every(String name, Duration interval, String typeName, String argumentJson, ScheduleOverlap overlap) {
        RegisteredJobType type = types.require(typeName);
        return saveEvery(name, "every", interval, type, () -> codec.normalise(argumentJson, type.argumentType()),
                overlap);
    }

    /** Stores an interval schedule; the argument is serialised only once the cheap checks passed. */
    boolean saveEvery(String name, String intervalField, Duration interval, RegisteredJobType type,
            Supplier<String> json, ScheduleOverlap overlap) {
        validName(name);
        validOverlap(overlap);
        TimeLimits.interval(intervalField, interval);
        schema.ensureCurrent();
        return store.saveSchedule(new ScheduleSpec(name, type.name(), json.get(), interval.toMillis(), null, null,
                clock.instant().truncatedTo(ChronoUnit.MILLIS)).withOverlap(overlap));
    }

    /**
     * Creates or replaces a cron schedule.
     *
     * @param name the schedule's unique name
     * @param expression five-field cron expression or macro
     * @param zone the time zone the expression is read in
     * @param typeName a registered job type
     * @param argumentJson the argument every fired job gets
     * @param overlap what a tick does while the previous tick's job has not finished
     * @return whether the schedule was created (false: an existing one was replaced)
     * @throws InvalidJobException naming the refused field
     */
    boolean cron(String name, String expression, ZoneId zone, String typeName, String argumentJson,
            ScheduleOverlap overlap) {
        RegisteredJobType type = types.require(typeName);
        return saveCron(name, expression, zone, type, () -> codec.normalise(argumentJson, type.argumentType()),
                overlap);
    }

    /** Stores a cron schedule; the argument is serialised only once the cheap checks passed. */
    boolean saveCron(String name, String expression, ZoneId zone, RegisteredJobType type,
            Supplier<String> json, ScheduleOverlap overlap) {
        validName(name);
        validOverlap(overlap);
        if (zone == null) {
            throw new InvalidJobException("zone", "must not be null");
        }
        if (zone.getId().length() > 64) {
            throw new InvalidJobException("zone", "must be a time zone id of at most 64 characters");
        }
        if (expression != null && expression.trim().length() > MAX_CRON) {
            throw new InvalidJobException("cron", "must be at most " + MAX_CRON + " characters");
        }
        CronExpression cron = CronExpression.parse(expression);
        Instant next = cron.nextAfter(clock.instant(), zone);
        if (next == null || next.isAfter(TimeLimits.LATEST_RUN_AT)) {
            throw new InvalidJobException("cron", "never fires after now in " + zone.getId());
        }
        schema.ensureCurrent();
        return store.saveSchedule(new ScheduleSpec(name, type.name(), json.get(), 0, cron.toString(), zone.getId(),
                next).withOverlap(overlap));
    }

    /**
     * @param name a schedule name
     * @return whether the name is one a schedule may have
     */
    static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    private static void validOverlap(ScheduleOverlap overlap) {
        if (overlap == null) {
            throw new InvalidJobException("overlap", "must not be null");
        }
    }

    private static void validName(String name) {
        if (!isValidName(name)) {
            throw new InvalidJobException("name", "must be 1-" + MAX_NAME + " letters, digits, '.', '_', ':' or '-',"
                    + " starting with a letter or digit, was " + JobTypes.quoted(name));
        }
    }

}
