package dev.eejobs.store;

/**
 * A RUNNING job whose lease expired by the database's clock, as the reaper sees it.
 *
 * @param job the job as its lost lease holder claimed it
 * @param started whether its attempt's start was recorded: only then did it run, and may have
 *     killed its node
 * @param unstartedExpiries how often its lease already expired before a start was recorded
 */
public record ExpiredLease(ClaimedJob job, boolean started, int unstartedExpiries) {}
