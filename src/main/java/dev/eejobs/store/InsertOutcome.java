package dev.eejobs.store;

/**
 * What a unique insert did.
 *
 * @param id the new job's id, or the id of the job that already holds the key
 * @param created whether a new job was stored; false when an existing job holds the key
 */
public record InsertOutcome(long id, boolean created) {}
