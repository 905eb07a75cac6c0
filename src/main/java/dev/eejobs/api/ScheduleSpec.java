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
 * @param nextFireAt the next tick (while paused, the tick it stopped at)
 * @param paused whether it is paused: a paused schedule fires nothing, on any node
 * @param overlap what a tick does while the previous tick's job has not finished
 * @param lastJobId the job it fired last (by a tick or a trigger), or null
 * @param lastFiredAt when it fired last, or null
 */
public record ScheduleSpec(String name, String type, String argumentJson, long intervalMillis, String cron,
        String zone, Instant nextFireAt, boolean paused, ScheduleOverlap overlap, JobId lastJobId,
        Instant lastFiredAt) {

    /**
     * A running schedule that skips overlapping ticks and has not fired yet.
     *
     * @param name unique name
     * @param type the job type to fire
     * @param argumentJson the argument of every fired job
     * @param intervalMillis time between ticks, or 0 for a cron schedule
     * @param cron the cron expression, or null for an interval schedule
     * @param zone the time zone the cron expression is read in, or null
     * @param nextFireAt the next tick
     */
    public ScheduleSpec(String name, String type, String argumentJson, long intervalMillis, String cron,
            String zone, Instant nextFireAt) {
        this(name, type, argumentJson, intervalMillis, cron, zone, nextFireAt, false, ScheduleOverlap.SKIP, null,
                null);
    }

    /**
     * @param overlap the overlap policy to declare
     * @return this declaration with that policy
     */
    public ScheduleSpec withOverlap(ScheduleOverlap overlap) {
        return new ScheduleSpec(name, type, argumentJson, intervalMillis, cron, zone, nextFireAt, paused, overlap,
                lastJobId, lastFiredAt);
    }

    /**
     * @param next the new next tick
     * @return this schedule moved to that tick
     */
    public ScheduleSpec withNextFireAt(Instant next) {
        return new ScheduleSpec(name, type, argumentJson, intervalMillis, cron, zone, next, paused, overlap,
                lastJobId, lastFiredAt);
    }

    /**
     * @param other another version of this schedule
     * @return whether both tick on the same grid, so the stored next tick stays valid
     */
    public boolean sameTicks(ScheduleSpec other) {
        return intervalMillis == other.intervalMillis && java.util.Objects.equals(cron, other.cron)
                && java.util.Objects.equals(zone, other.zone);
    }
}
