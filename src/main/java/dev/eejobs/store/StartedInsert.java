package dev.eejobs.store;

/**
 * What {@link JobStore#insertStarted} stored.
 *
 * @param id the new job's id
 * @param lease the job as leased to the enqueuing node when it was stored RUNNING; null when it
 *     was stored QUEUED (its queue is paused, or the store does not start jobs at insert)
 */
public record StartedInsert(long id, ClaimedJob lease) {}
