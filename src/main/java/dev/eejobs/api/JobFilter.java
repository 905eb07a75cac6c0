package dev.eejobs.api;

/**
 * Which jobs a listing includes; a null field does not filter.
 *
 * @param state only jobs in this state
 * @param type only jobs of this type
 * @param queue only jobs on this queue
 */
public record JobFilter(JobState state, String type, String queue) {}
