package dev.eejobs.api;

/**
 * What an enqueue did: stored a new job, or found an active job of the same type with the same
 * unique key and stored nothing (see {@link JobOptions#uniqueKey}).
 *
 * @param id the new job's id, or the existing job's
 * @param created true when a new job was stored, false when the existing job's id is returned
 */
public record Enqueued(JobId id, boolean created) {}
