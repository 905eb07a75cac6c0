package dev.eejobs.store;

import dev.eejobs.api.JobAttempt;
import dev.eejobs.api.JobInfo;
import dev.eejobs.api.JobLogLine;
import dev.eejobs.api.ScheduleSpec;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Storage as the engine needs it. Each write that follows a claim presents the lease token and
 * returns {@code false} when the token is no longer current (the lease was taken back): fencing.
 * Every method is one short transaction of its own, except {@link #insert}, which joins the
 * caller's transaction when there is one.
 */
public interface JobStore {

    /**
     * @param jobs jobs to store, all or none
     * @return their ids, in order
     */
    List<Long> insert(List<NewJob> jobs);

    /**
     * Stores one due job, outside any transaction, as already claimed by {@code owner} — RUNNING,
     * its first attempt counted, a fresh lease — unless its queue is paused, when it is stored
     * QUEUED. The enqueuing node calls it when one of its workers is idle and the queue has no
     * backlog, so the job needs no claim statement (and no announcement) before it starts.
     * Committed before it returns. A store that cannot do it in one statement stores the job QUEUED.
     *
     * @param now the node's time, the attempt's start
     */
    default StartedInsert insertStarted(NewJob job, String owner, Instant now) {
        return new StartedInsert(insert(List.of(job)).get(0), null);
    }

    /**
     * @return whether {@link #insertStarted} can store a job already started. When false the engine
     *     never asks it to: its enqueues store jobs QUEUED for the claims, and the claims keep no
     *     idle worker free for starts at enqueue.
     */
    default boolean startsAtEnqueue() {
        return false;
    }

    /**
     * Stores a job under a unique key, joining the caller's transaction like {@link #insert}: while
     * a job of the same type holds the key (QUEUED or RUNNING: {@link JobTransition#ACTIVE}), none
     * is stored and that job's id is returned. The database's unique index on
     * {@code (job_type, unique_active)} decides, so concurrent callers on any node store one job;
     * a duplicate never fails a statement of the caller's transaction.
     *
     * @param job the job
     * @param uniqueKey its key, 1-200 characters
     * @param succeededSince when not null, a SUCCEEDED job with the key that finished at or after
     *     this time also counts as a duplicate (checked by a read just before the insert: a job
     *     finishing at that very moment may let one more in)
     * @return the stored or the existing job's id, and which
     */
    default InsertOutcome insertUnique(NewJob job, String uniqueKey, Instant succeededSince) {
        return insertUnique(List.of(job), List.of(uniqueKey), succeededSince).get(0);
    }

    /**
     * Stores jobs under unique keys as {@link #insertUnique(NewJob, String, Instant)} does, in order
     * and in one transaction (the caller's, or one of its own): all or none. A job whose key an
     * earlier job of the list took is a duplicate of that job.
     *
     * @param jobs the jobs
     * @param uniqueKeys each job's key, in the same order
     * @param succeededSince as for the single form, for every job
     * @return each job's outcome, in order
     */
    List<InsertOutcome> insertUnique(List<NewJob> jobs, List<String> uniqueKeys, Instant succeededSince);

    /**
     * Pauses or resumes a queue for every node, persistently: while paused no claim takes its
     * jobs (the claim statement itself checks the pause). Running jobs are not affected.
     *
     * @param queue the queue, which need not have jobs yet
     * @param paused true to pause, false to resume
     * @param now the time of the change
     * @return whether the state changed (false: it already was so)
     */
    boolean setQueuePaused(String queue, boolean paused, Instant now);

    /** @return the queues paused now */
    Set<String> pausedQueues();

    /**
     * Claims up to {@code limit} due QUEUED jobs of the given types in the queue, oldest first by
     * priority, run-at and id, stamping each RUNNING with a fresh lease token. Claims nothing
     * while the queue is paused ({@link #setQueuePaused}).
     */
    List<ClaimedJob> claim(String queue, Collection<String> types, int limit, String owner, Instant now);

    /**
     * Renews many leases in one transaction, each for {@link ClaimedJob#LEASE_INTERVALS} of its
     * heartbeat intervals from the database's current time (never a node's), and records the start
     * of each attempt whose lease says it started, if not recorded yet. Writes each lease's
     * {@link Lease#progress() progress} (latest percentage and message, new log lines) in the same
     * transaction, fenced like the renewal.
     *
     * @return the ids whose lease was renewed (the others were fenced) and, of those, the ones
     *     with a cancel request
     */
    Renewals renew(List<Lease> renewals);

    /**
     * Renews many leases, as {@link #renew}.
     *
     * @return the ids whose lease was renewed; the others were fenced
     */
    default Set<Long> heartbeat(List<Lease> renewals) {
        return renew(renewals).renewed();
    }

    /**
     * RUNNING → SUCCEEDED for many jobs in one transaction, or deletes them when {@code keep} is
     * false, writing each one's history row and last progress in the same transaction (nothing
     * when deleting: the job's history goes with it).
     *
     * @return the ids written; the others were fenced
     */
    Set<Long> succeedAttempts(List<AttemptEnd> ends, Instant now, boolean keep);

    /**
     * RUNNING → SUCCEEDED for many jobs, without history rows.
     *
     * @return the ids written; the others were fenced
     */
    default Set<Long> succeed(List<Lease> leases, Instant now, boolean keep) {
        return succeedAttempts(leases.stream().map(AttemptEnd::of).toList(), now, keep);
    }

    /** Renews one lease. */
    default boolean heartbeat(long id, String token) {
        return heartbeat(List.of(new Lease(id, token, false))).contains(id);
    }

    /** RUNNING → SUCCEEDED for one job, or deletes it when {@code keep} is false. */
    default boolean succeed(long id, String token, Instant now, boolean keep) {
        return succeed(List.of(new Lease(id, token, false)), now, keep).contains(id);
    }

    /**
     * RUNNING → QUEUED at {@code nextRunAt} (retry) or → DEAD when {@code nextRunAt} is null,
     * writing the attempt's history row and last progress in the same transaction.
     */
    boolean fail(AttemptEnd end, Instant nextRunAt, String error, Instant now);

    /** RUNNING → QUEUED at {@code nextRunAt} (retry) or → DEAD when {@code nextRunAt} is null. */
    default boolean fail(long id, String token, Instant nextRunAt, String error, Instant now) {
        return fail(AttemptEnd.of(new Lease(id, token, false)), nextRunAt, error, now);
    }

    /**
     * RUNNING → CANCELLED: the runner of a job with a cancel request stopped, whatever its outcome.
     * Writes the attempt's history row (if any) and last progress in the same transaction.
     */
    boolean cancelRunning(AttemptEnd end, Instant now);

    /** RUNNING → QUEUED without counting the attempt (shutdown, or a runner stopped for its lease). */
    boolean release(long id, String token);

    /**
     * @return a new listener for jobs stored by any node, or empty where the database has no
     *     notifications (the engine then relies on local signals and polling)
     */
    default Optional<WakeUpSource> openWakeUpSource() {
        return java.util.Optional.empty();
    }

    /**
     * Tells the other nodes that jobs were stored in these queues, where the database can
     * (PostgreSQL NOTIFY). Called after the storing transactions committed, outside any of them.
     */
    default void announce(java.util.Collection<String> queues) {}

    /** @return RUNNING jobs whose lease expired by the database's clock, longest expired first */
    List<ExpiredLease> expiredLeases(int limit);

    /**
     * Takes back an expired lease whose attempt started, counting the attempt: RUNNING → QUEUED at
     * {@code nextRunAt}, or → DEAD when it is null. Writes only if the lease is still expired by
     * the database's clock (a renewal may have arrived since it was read).
     */
    boolean expire(AttemptEnd end, Instant nextRunAt, String error, Instant now);

    /** As {@link #expire(AttemptEnd, Instant, String, Instant)}, without a history row. */
    default boolean expire(long id, String token, Instant nextRunAt, String error, Instant now) {
        return expire(AttemptEnd.of(new Lease(id, token, false)), nextRunAt, error, now);
    }

    /**
     * Takes back an expired lease of a job with a cancel request: RUNNING → CANCELLED, writing
     * the attempt's history row if given. Writes only if the lease is still expired by the
     * database's clock.
     */
    boolean expireCancelled(AttemptEnd end, String error, Instant now);

    /**
     * Takes back an expired lease whose attempt never started, without counting it: RUNNING →
     * QUEUED, due at once, its unstarted expiries counted. Writes only if the lease is still
     * expired by the database's clock and still has no recorded start.
     */
    boolean expireUnstarted(long id, String token, String error);

    /** @return the job, if stored */
    Optional<JobInfo> find(long id);

    /**
     * QUEUED → CANCELLED; for a RUNNING job, records a cancel request (once: a repeated request
     * keeps the first time) for its runner to act on.
     *
     * @return whether the job was cancelled or now has a cancel request
     */
    boolean cancel(long id, Instant now);

    /** @return the job's attempt history, oldest first; empty for an unknown job */
    List<JobAttempt> attempts(long id);

    /** @return the job's log lines, oldest first; empty for an unknown job */
    List<JobLogLine> log(long id);

    /** DEAD → QUEUED with its attempts reset. */
    boolean revive(long id, Instant now);

    /**
     * Deletes up to {@code batch} finished jobs that need no attention — SUCCEEDED and CANCELLED —
     * finished before {@code finishedBefore}; DEAD jobs are kept.
     */
    int pruneSucceeded(Instant finishedBefore, int batch);

    /** @return QUEUED job counts by type, for reporting types no node registered */
    Map<String, Long> queuedByType();

    /**
     * Creates or replaces a schedule in one statement (an upsert): of concurrent callers declaring
     * the same new name, exactly one creates it. Replacing one that ticks the same way keeps its
     * stored next tick, so applications may re-declare their schedules at every start.
     *
     * @return whether the schedule was created; false when an existing one was replaced
     */
    boolean saveSchedule(ScheduleSpec schedule);

    /** @return whether a schedule of that name existed */
    boolean deleteSchedule(String name);

    /** @return schedules whose next tick is at or before {@code now} */
    List<ScheduleSpec> dueSchedules(Instant now, int limit);

    /**
     * Fires one tick: moves the schedule from {@code tick} to {@code nextTick} and inserts the
     * job, in one transaction, only if the schedule still stands at {@code tick} and is not paused.
     * Of several nodes racing for the same tick exactly one gets {@link TickOutcome#FIRED} or
     * {@link TickOutcome#SKIPPED}: skipped when the schedule's overlap policy is {@code skip} and
     * the job it fired last is still WAITING, QUEUED or RUNNING (checked in the same transaction);
     * the schedule then moves on without a job. A fired job becomes the schedule's last job.
     */
    TickOutcome fireSchedule(String name, Instant tick, Instant nextTick, NewJob job);

    /** What {@link #fireSchedule} did. */
    enum TickOutcome {
        /** The tick's job was inserted. */
        FIRED,
        /** The tick was taken and skipped: the previous tick's job has not finished. */
        SKIPPED,
        /** Another node took the tick, or the schedule was paused, replaced or deleted meanwhile. */
        LOST
    }

    /**
     * Pauses a schedule: no node fires it until it is resumed; its stored next tick stays.
     *
     * @return whether the schedule exists
     */
    boolean pauseSchedule(String name);

    /**
     * Resumes a paused schedule at {@code nextTick} (the caller's first tick after now: missed
     * ticks are not replayed).
     *
     * @return whether it was paused and now runs; false if it was running already or does not exist
     */
    boolean resumeSchedule(String name, Instant nextTick);

    /**
     * Fires a schedule once, now, whatever its state and overlap policy, without moving its next
     * tick; the job becomes the schedule's last job. Joins the caller's transaction.
     *
     * @return the job's id, or empty if there is no such schedule
     */
    java.util.OptionalLong triggerSchedule(String name, NewJob job, Instant now);

    /**
     * Inserts a continuation of {@code parentId}, joining the caller's transaction, while the
     * parent's row is locked against a concurrent outcome: WAITING while the parent has not
     * finished, QUEUED if it already SUCCEEDED, CANCELLED (with the reason as its last error) if it
     * ended DEAD or CANCELLED. Every outcome write that finishes a parent moves its WAITING children
     * in its own transaction: to QUEUED on success, to CANCELLED otherwise.
     *
     * @return the child's id, or empty if no job has the parent's id
     */
    java.util.OptionalLong insertAfter(long parentId, NewJob job, Instant now);

    /**
     * Inserts a batch and its on-complete job in one transaction (joining the caller's): the members
     * QUEUED as {@link #insert} stores them, the on-complete job WAITING; all carry the on-complete
     * job's id as their batch id. Once no member is WAITING, QUEUED or RUNNING — whatever their
     * outcomes — the outcome write that finished the last one makes the on-complete job QUEUED,
     * exactly once.
     *
     * @return the members' ids in order, then the on-complete job's id
     */
    List<Long> insertBatch(List<NewJob> members, NewJob onComplete);

    /**
     * @param batchId the batch's id (its on-complete job's id)
     * @return the batch members' counts by state (the on-complete job not included); empty if none
     */
    Map<dev.eejobs.api.JobState, Long> batchCounts(long batchId);

    /**
     * The safety net behind the outcome writes: settles up to {@code limit} WAITING jobs whose
     * parent already finished (or is gone) or whose batch has no unfinished member, each by the
     * same conditional write as the outcome would have made. Grandchildren of a cancelled chain are
     * settled by later passes, one generation each.
     *
     * @return how many it settled
     */
    int settleWaiting(Instant now, int limit);
}
