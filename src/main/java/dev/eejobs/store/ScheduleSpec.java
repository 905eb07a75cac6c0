package dev.eejobs.store;

import java.time.Instant;

/**
 * A stored recurring schedule.
 *
 * @param name unique name
 * @param type the job type to fire
 * @param argumentJson the argument of every fired job
 * @param intervalMillis time between ticks
 * @param nextFireAt the next tick
 */
public record ScheduleSpec(String name, String type, String argumentJson, long intervalMillis, Instant nextFireAt) {}
