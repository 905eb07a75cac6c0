package dev.eejobs.api;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The bounds of every time value the module accepts, from Java and over HTTP alike. They are the
 * values all three supported databases (PostgreSQL {@code timestamptz}, MariaDB
 * {@code DATETIME(6)}, H2 {@code TIMESTAMP(6) WITH TIME ZONE}) store exactly, and within which
 * the engine's arithmetic cannot overflow: a value is stored as accepted or refused with an
 * {@link InvalidJobException} naming the field, never altered.
 *
 * <ul>
 *   <li>run-at times: from {@link #EARLIEST_RUN_AT} to {@link #LATEST_RUN_AT} (years 1970 to 9999,
 *       UTC), kept to the microsecond;
 *   <li>durations (delays, backoff delays and caps, schedule intervals, configuration): from zero
 *       to {@link #MAX_DURATION}, 100 years;
 *   <li>heartbeat intervals: from {@link #MIN_HEARTBEAT} to {@link #MAX_HEARTBEAT}, whole milliseconds;
 *   <li>schedule intervals: from {@link #MIN_INTERVAL} to {@link #MAX_DURATION}, whole milliseconds.
 * </ul>
 */
public final class TimeLimits {

    /** The earliest run-at time accepted: 1970-01-01T00:00:00Z. */
    public static final Instant EARLIEST_RUN_AT = Instant.EPOCH;

    /** The latest run-at time accepted: 9999-12-31T23:59:59.999999Z. */
    public static final Instant LATEST_RUN_AT = Instant.parse("9999-12-31T23:59:59.999999Z");

    /** The longest duration accepted anywhere: 100 years of 365 days (36500d). */
    public static final Duration MAX_DURATION = Duration.ofDays(36_500);

    /** The shortest heartbeat interval: 100 ms. */
    public static final Duration MIN_HEARTBEAT = Duration.ofMillis(100);

    /** The longest heartbeat interval: 1 day. */
    public static final Duration MAX_HEARTBEAT = Duration.ofDays(1);

    /** The shortest interval of a recurring schedule: 1 s. */
    public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

    private TimeLimits() {}

    /**
     * Checks a run-at time. Finer digits than the databases keep (below a microsecond, as
     * {@code Instant.now()} carries on some platforms) round up to the next microsecond, so a job
     * never runs before the time it was given.
     *
     * @param field the option being checked, named in the error
     * @param instant a run-at time
     * @return the instant as it will be stored
     * @throws InvalidJobException if it is null or outside {@link #EARLIEST_RUN_AT} .. {@link #LATEST_RUN_AT}
     */
    public static Instant runAt(String field, Instant instant) {
        if (instant == null) {
            throw new InvalidJobException(field, "must not be null");
        }
        if (instant.isBefore(EARLIEST_RUN_AT) || instant.isAfter(LATEST_RUN_AT)) {
            throw new InvalidJobException(field, "must be between " + EARLIEST_RUN_AT + " and " + LATEST_RUN_AT
                    + ", was " + instant);
        }
        Instant micros = instant.truncatedTo(ChronoUnit.MICROS);
        Instant stored = micros.equals(instant) ? instant : micros.plus(1, ChronoUnit.MICROS);
        if (stored.isAfter(LATEST_RUN_AT)) {
            throw new InvalidJobException(field, "must be at most " + LATEST_RUN_AT + ", was " + instant);
        }
        return stored;
    }

    /**
     * @param field the option being checked, named in the error
     * @param duration a duration
     * @return the duration, if it is between zero and {@link #MAX_DURATION}
     * @throws InvalidJobException otherwise
     */
    public static Duration duration(String field, Duration duration) {
        if (duration == null) {
            throw new InvalidJobException(field, "must not be null");
        }
        if (duration.isNegative()) {
            throw new InvalidJobException(field, "must not be negative, was " + DurationText.format(duration));
        }
        if (duration.compareTo(MAX_DURATION) > 0) {
            throw new InvalidJobException(field, "must be at most " + DurationText.format(MAX_DURATION)
                    + " (100 years), was " + DurationText.format(duration));
        }
        return duration;
    }

    /**
     * @param field the option being checked, named in the error
     * @param duration a duration that is stored in milliseconds
     * @param min the shortest allowed
     * @param max the longest allowed
     * @return the duration, if it is a whole number of milliseconds within the bounds
     * @throws InvalidJobException otherwise
     */
    static Duration wholeMillis(String field, Duration duration, Duration min, Duration max) {
        if (duration == null || duration.compareTo(min) < 0 || duration.compareTo(max) > 0) {
            throw new InvalidJobException(field, "must be between " + DurationText.format(min) + " and "
                    + DurationText.format(max) + ", was " + (duration == null ? null : DurationText.format(duration)));
        }
        if (duration.getNano() % 1_000_000 != 0) {
            throw new InvalidJobException(field, "must be a whole number of milliseconds, was "
                    + DurationText.format(duration));
        }
        return duration;
    }

    /**
     * @param field the option being checked, named in the error
     * @param interval the time between a recurring schedule's ticks
     * @return the interval, if it is a whole number of milliseconds from {@link #MIN_INTERVAL} to
     *     {@link #MAX_DURATION}
     * @throws InvalidJobException otherwise
     */
    public static Duration interval(String field, Duration interval) {
        return wholeMillis(field, interval, MIN_INTERVAL, MAX_DURATION);
    }
}
