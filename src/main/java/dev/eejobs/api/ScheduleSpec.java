package dev.eejobs.api;

import java.time.Instant;

/**
 * A stored recurring schedule: a fixed interval or a cron expression read in a time zone.
 *
 * @param name unique name
 * @param type the job type to fire
 * @param argumentJson the argument of every fired job
 * @param intervalMillis time between ticks, or 0 for a cron schedule
 * @param cron the cron expression, or null for an interval schedule
 * @param zone the time zone the cron expression is read in, or null
 * @param nextFireAt the next tick
 */
public record ScheduleSpec(String name, String type, String argumentJson, long intervalMillis, String cron,
        String zone, Instant nextFireAt) {

    /**
     * @param other another version of this schedule
     * @return whether both tick on the same grid, so the stored next tick stays valid
     */
    public boolean sameTicks(ScheduleSpec other) {
        return intervalMillis == other.intervalMillis && java.util.Objects.equals(cron, other.cron)
                && java.util.Objects.equals(zone, other.zone);
    }
}
