package dev.eejobs.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Stores jobs for the workers to run. Inject it: {@code @Inject JobQueue jobs;}.
 *
 * <p>Every method that stores something joins the caller's JTA transaction when there is one,
 * so the job exists if and only if the caller commits; outside a transaction it commits on its
 * own. Input is validated before anything is stored: an {@link InvalidJobException} means nothing
 * was written.
 */
public interface JobQueue {

    /**
     * Stores a job to run as soon as a worker is free.
     *
     * @param type the job bean's class
     * @param argument the argument, serialised to JSON
     * @param <A> the argument type
     * @return the new job's id
     * @throws InvalidJobException if the type is not registered or the argument is refused
     */
    <A> JobId enqueue(Class<? extends Job<A>> type, A argument);

    /**
     * Stores a job with per-call overrides.
     *
     * @param type the job bean's class
     * @param argument the argument, serialised to JSON
     * @param options overrides of the type's defaults
     * @param <A> the argument type
     * @return the new job's id
     * @throws InvalidJobException if the type is not registered or an option or argument is refused
     */
    <A> JobId enqueue(Class<? extends Job<A>> type, A argument, JobOptions options);

    /**
     * Stores a job unless it is a duplicate, and says which happened. Without a unique key (from
     * {@link JobOptions#uniqueKey} or the type's {@link BackgroundJob#uniqueKey}) this is
     * {@link #enqueue(Class, Object, JobOptions)}. With one, while a job of the type with the same
     * key is QUEUED or RUNNING (or SUCCEEDED within {@link JobOptions#uniqueFor}), nothing is
     * stored and that job's id comes back with {@code created == false}. The database decides, so
     * of concurrent callers on any node exactly one stores the job; a duplicate never fails or
     * rolls back the caller's transaction. ({@code enqueue} deduplicates the same way and returns
     * just the id.)
     *
     * @param type the job bean's class
     * @param argument the argument, serialised to JSON
     * @param options overrides of the type's defaults, the unique key among them
     * @param <A> the argument type
     * @return the new or the existing job's id, and whether it is new
     * @throws InvalidJobException if the type is not registered or an option or argument is refused
     */
    <A> Enqueued submit(Class<? extends Job<A>> type, A argument, JobOptions options);

    /**
     * {@link #submit} by type name with the argument already in JSON, as the HTTP API does.
     *
     * @param typeName the registered name
     * @param argumentJson the argument as JSON; it must deserialise into the type's argument
     * @param options overrides of the type's defaults, the unique key among them
     * @return the new or the existing job's id, and whether it is new
     * @throws InvalidJobException if the name is unknown or the JSON or an option does not fit
     */
    Enqueued submitJson(String typeName, String argumentJson, JobOptions options);

    /**
     * Stores a job by type name with its argument already in JSON, as the HTTP API does.
     *
     * @param typeName the registered name
     * @param argumentJson the argument as JSON; it must deserialise into the type's argument
     * @param options overrides of the type's defaults
     * @return the new job's id
     * @throws InvalidJobException if the name is unknown or the JSON does not fit
     */
    JobId enqueueJson(String typeName, String argumentJson, JobOptions options);

    /**
     * Stores many jobs of one type, by name, with their arguments already in JSON, all or none,
     * as the HTTP batch form does. Every argument is checked before anything is written.
     *
     * @param typeName the registered name
     * @param argumentsJson the arguments as JSON, one job each, at least one
     * @param options overrides of the type's defaults, for every job
     * @return the new jobs' ids, in argument order
     * @throws InvalidJobException if the name is unknown, or naming {@code arguments[i]} for the
     *     first argument that does not fit
     */
    List<JobId> enqueueAllJson(String typeName, List<String> argumentsJson, JobOptions options);

    /**
     * Stores a continuation: a job that runs only once {@code parent} SUCCEEDED. Until then it is
     * {@link JobState#WAITING}; the transaction that records the parent's success makes it QUEUED.
     * If the parent ends DEAD or CANCELLED instead, the child becomes CANCELLED with the reason
     * ("parent 123 ended DEAD") as its last error, and so, in turn, do its own children. A parent
     * that already succeeded gives a QUEUED child; one already DEAD or CANCELLED a CANCELLED one.
     * The parent's row is locked until the caller's transaction ends, so a parent finishing on
     * another node at the same moment cannot leave the child waiting; keep such transactions short.
     *
     * @param parent the job to wait for; it must be stored (a finished parent pruned by the
     *     retention window can no longer be waited for)
     * @param type the job bean's class
     * @param argument the argument, serialised to JSON
     * @param <A> the argument type
     * @return the new job's id
     * @throws InvalidJobException naming {@code after} if no job has the parent's id, or as for
     *     {@link #enqueue}
     */
    <A> JobId enqueueAfter(JobId parent, Class<? extends Job<A>> type, A argument);

    /**
     * Stores a continuation with per-call overrides (see {@link #enqueueAfter(JobId, Class, Object)}).
     * A delay or run-at counts from the enqueue, not from the parent's success.
     *
     * @param parent the job to wait for
     * @param type the job bean's class
     * @param argument the argument, serialised to JSON
     * @param options overrides of the type's defaults
     * @param <A> the argument type
     * @return the new job's id
     * @throws InvalidJobException naming {@code after} if no job has the parent's id, or naming the
     *     refused option or argument
     */
    <A> JobId enqueueAfter(JobId parent, Class<? extends Job<A>> type, A argument, JobOptions options);

    /**
     * Stores a continuation by type name with its argument already in JSON, as the HTTP API does
     * (see {@link #enqueueAfter(JobId, Class, Object)}).
     *
     * @param parent the job to wait for
     * @param typeName the registered name
     * @param argumentJson the argument as JSON
     * @param options overrides of the type's defaults
     * @return the new job's id
     * @throws InvalidJobException naming {@code after} if no job has the parent's id, or as for
     *     {@link #enqueueJson}
     */
    JobId enqueueJsonAfter(JobId parent, String typeName, String argumentJson, JobOptions options);

    /**
     * Stores a batch with an on-complete job, all or none: the on-complete job waits
     * ({@link JobState#WAITING}) until every job of the batch has finished — SUCCEEDED, DEAD or
     * CANCELLED, whatever the mix — and then becomes QUEUED exactly once, across the cluster. It
     * runs when some jobs failed too; it can read the outcome with {@link #batchCounts}. Its id is
     * the batch's id.
     *
     * @param type the batch's job bean class
     * @param arguments one job per argument, at least one
     * @param options overrides applied to every job of the batch (not to the on-complete job)
     * @param onCompleteType the on-complete job's bean class
     * @param onCompleteArgument its argument
     * @param <A> the batch's argument type
     * @param <B> the on-complete job's argument type
     * @return the batch's id and its jobs' ids
     * @throws InvalidJobException if a type is not registered or an argument or option is refused
     */
    <A, B> JobBatch enqueueAll(Class<? extends Job<A>> type, List<? extends A> arguments, JobOptions options,
            Class<? extends Job<B>> onCompleteType, B onCompleteArgument);

    /**
     * Stores a batch with an on-complete job by type names, arguments already in JSON, as the HTTP
     * batch form does (see {@link #enqueueAll(Class, List, JobOptions, Class, Object)}).
     *
     * @param typeName the batch's registered type name
     * @param argumentsJson the arguments as JSON, one job each, at least one
     * @param options overrides of the type's defaults, for every job of the batch
     * @param onCompleteType the on-complete job's registered type name
     * @param onCompleteArgumentJson its argument as JSON
     * @return the batch's id and its jobs' ids
     * @throws InvalidJobException naming {@code arguments[i]} or {@code onComplete} for what is refused
     */
    JobBatch enqueueAllJson(String typeName, List<String> argumentsJson, JobOptions options, String onCompleteType,
            String onCompleteArgumentJson);

    /**
     * Counts a batch's jobs by state, the on-complete job not included.
     *
     * @param batch the batch's id (its on-complete job's id)
     * @return counts by state, states without jobs absent; empty if there is no such batch (or its
     *     jobs were pruned)
     */
    java.util.Map<JobState, Long> batchCounts(JobId batch);

    /**
     * Stores a job that runs no earlier than {@code runAt}.
     *
     * @param type the job bean's class
     * @param argument the argument
     * @param runAt the earliest time to run, within {@link TimeLimits#EARLIEST_RUN_AT} ..
     *     {@link TimeLimits#LATEST_RUN_AT}; digits below a microsecond round up
     * @param <A> the argument type
     * @return the new job's id
     * @throws InvalidJobException naming {@code runAt} if it is out of bounds
     */
    <A> JobId schedule(Class<? extends Job<A>> type, A argument, Instant runAt);

    /**
     * Stores many jobs of one type in a single transaction: all are stored or none.
     *
     * @param type the job bean's class
     * @param arguments one job per argument
     * @param options overrides applied to every job
     * @param <A> the argument type
     * @return the new jobs' ids, in argument order
     */
    <A> List<JobId> enqueueAll(Class<? extends Job<A>> type, List<? extends A> arguments, JobOptions options);

    /**
     * Creates or replaces a stored recurring schedule. It survives restarts, and across all nodes
     * sharing the database fires exactly one job per tick. Ticks missed while no node ran are not
     * replayed: the next fire is the next tick after now. Declared while the jobs database is out of
     * reach (a server starting before its database, say), it does not throw: the declaration is
     * kept and stored as soon as the database is back; an invalid one is refused all the same.
     *
     * @param name the schedule's unique name: 1-200 letters, digits, '.', '_', ':' or '-',
     *     starting with a letter or digit
     * @param interval time between ticks, a whole number of milliseconds from
     *     {@link TimeLimits#MIN_INTERVAL} to {@link TimeLimits#MAX_DURATION}
     * @param type the job bean's class
     * @param argument the argument every fired job gets
     * @param <A> the argument type
     * @throws InvalidJobException naming {@code name} or {@code interval} if either is refused
     */
    <A> void every(String name, Duration interval, Class<? extends Job<A>> type, A argument);

    /**
     * Creates or replaces a stored cron schedule, firing one job per matching minute across all
     * nodes. Five fields — minute, hour, day of month, month, day of week — with lists, ranges,
     * steps and names ({@code 0 3 * * MON-FRI}), or a macro such as {@code @daily}. Kept until the
     * database is back if it is out of reach, as for {@link #every}.
     *
     * @param name the schedule's unique name, as for {@link #every}
     * @param expression the cron expression, at most 200 characters
     * @param zone the time zone the expression is read in
     * @param type the job bean's class
     * @param argument the argument every fired job gets
     * @param <A> the argument type
     * @throws InvalidJobException naming {@code cron} if the expression is invalid or never fires
     */
    <A> void cron(String name, String expression, java.time.ZoneId zone, Class<? extends Job<A>> type, A argument);

    /**
     * Creates or replaces an interval schedule with an overlap policy (see
     * {@link #every(String, Duration, Class, Object)}).
     *
     * @param name the schedule's unique name
     * @param interval time between ticks
     * @param type the job bean's class
     * @param argument the argument every fired job gets
     * @param overlap what a tick does while the previous tick's job has not finished;
     *     {@link ScheduleOverlap#SKIP} is the default of the other overloads
     * @param <A> the argument type
     * @throws InvalidJobException naming the refused field
     */
    <A> void every(String name, Duration interval, Class<? extends Job<A>> type, A argument, ScheduleOverlap overlap);

    /**
     * Creates or replaces a cron schedule with an overlap policy (see
     * {@link #cron(String, String, java.time.ZoneId, Class, Object)}).
     *
     * @param name the schedule's unique name
     * @param expression the cron expression
     * @param zone the time zone the expression is read in
     * @param type the job bean's class
     * @param argument the argument every fired job gets
     * @param overlap what a tick does while the previous tick's job has not finished
     * @param <A> the argument type
     * @throws InvalidJobException naming the refused field
     */
    <A> void cron(String name, String expression, java.time.ZoneId zone, Class<? extends Job<A>> type, A argument,
            ScheduleOverlap overlap);

    /**
     * Pauses a schedule across the cluster: no node fires it until it is resumed. The pause is
     * stored, so it holds across restarts, and re-declaring the schedule ({@link #every},
     * {@link #cron}, HTTP PUT) keeps it paused. Jobs it already fired are not touched.
     *
     * @param name the schedule's name
     * @return whether the schedule exists (pausing a paused one changes nothing)
     */
    boolean pauseSchedule(String name);

    /**
     * Resumes a paused schedule at its next tick after now: ticks missed while paused are not
     * replayed.
     *
     * @param name the schedule's name
     * @return whether the schedule exists (resuming a running one changes nothing)
     */
    boolean resumeSchedule(String name);

    /**
     * Fires a schedule once, now, without moving its next tick, whether it is paused or not and
     * whatever its overlap policy; the job counts as its last job for the next tick's overlap check.
     *
     * @param name the schedule's name
     * @return the fired job's id, or empty if there is no such schedule
     * @throws InvalidJobException naming {@code type} if no job type of the schedule's type is
     *     registered on this node
     */
    Optional<JobId> triggerSchedule(String name);

    /**
     * Deletes a recurring schedule; jobs it already fired are kept.
     *
     * @param name the schedule's name
     * @return whether it existed
     */
    boolean cancelSchedule(String name);

    /**
     * Looks a job up.
     *
     * @param id the job's id
     * @return its current snapshot, or empty if there is no such job (or it was pruned)
     */
    Optional<JobInfo> find(JobId id);

    /**
     * Cancels a job. A QUEUED job (due, scheduled or waiting to retry) or a WAITING one is
     * CANCELLED at once, and its WAITING continuations with it. For a RUNNING job — also one
     * claimed by a node and still waiting for a worker — a cancel request is stored: the node
     * running it learns of it within a heartbeat (on PostgreSQL at once, by a notification),
     * interrupts the job ({@link StopReason#CANCELLED}, {@link JobContext#cancelRequested()}) and
     * the job ends CANCELLED whatever it returns, never retried. If that node dies first, the job
     * is CANCELLED when its lease expires.
     *
     * @param id the job's id
     * @return whether it was QUEUED or WAITING and is now CANCELLED, or was RUNNING and now has a
     *     cancel request; false for a finished job
     */
    boolean cancel(JobId id);

    /**
     * The job's attempt history, oldest first: every counted attempt with its node, times,
     * outcome and error. Deleted with the job.
     *
     * @param id the job's id
     * @return its finished attempts; empty for an unknown job or one that never finished an attempt
     */
    List<JobAttempt> attempts(JobId id);

    /**
     * The lines the job wrote with {@link JobContext#log(String)}, oldest first, each with its
     * attempt; lines of a running attempt appear within a heartbeat. Deleted with the job.
     *
     * @param id the job's id
     * @return its log lines; empty for an unknown job
     */
    List<JobLogLine> log(JobId id);

    /**
     * Puts a DEAD job back in its queue with a fresh set of retries. A job with a unique key stays
     * DEAD while another job of its type holds that key.
     *
     * @param id the job's id
     * @return whether it was DEAD and is now QUEUED
     */
    boolean retry(JobId id);

    /**
     * Pauses a queue on every node sharing the database: from the moment the pause commits no node
     * claims the queue's jobs (the claim statement itself checks it); jobs already running finish,
     * jobs can still be enqueued. The pause is stored, so it survives restarts, until
     * {@link #resumeQueue}. A queue without jobs may be paused too.
     *
     * @param queue the queue's name
     * @return whether it was running and is now paused
     * @throws InvalidJobException naming {@code queue} if the name is not a valid queue name
     */
    boolean pauseQueue(String queue);

    /**
     * Resumes a paused queue on every node and wakes the workers (this node's at once, the
     * others' by notification where the database has it, else at their next poll).
     *
     * @param queue the queue's name
     * @return whether it was paused and now runs
     * @throws InvalidJobException naming {@code queue} if the name is not a valid queue name
     */
    boolean resumeQueue(String queue);

    /** @return the names of the queues paused now, sorted */
    Set<String> pausedQueues();

    /**
     * Counts the jobs a bulk action with the same selection would look at, for a confirmation.
     *
     * @param filter which jobs; null fields do not filter
     * @param enqueuedBefore only jobs enqueued before this, or null
     * @return how many jobs match now
     */
    long count(JobFilter filter, Instant enqueuedBefore);

    /**
     * {@link #retry}, for every DEAD job the filter selects, in transactions of at most
     * {@value #BULK_PAGE} jobs each (a failure keeps the pages already done). Unlike the methods
     * that store jobs, the bulk actions never join the caller's transaction: each page commits on
     * its own.
     *
     * @param filter which jobs; its state must be DEAD
     * @param enqueuedBefore only jobs enqueued before this, or null
     * @return how many jobs were put back in their queues
     * @throws InvalidJobException naming {@code status} if the filter's state is not DEAD
     */
    int retryAll(JobFilter filter, Instant enqueuedBefore);

    /**
     * {@link #cancel}, for every job the filter selects, in transactions of at most
     * {@value #BULK_PAGE} jobs each. Jobs that cannot be cancelled are skipped, not counted.
     *
     * @param filter which jobs; a state is required, and it must not be a final one
     * @param enqueuedBefore only jobs enqueued before this, or null
     * @return how many jobs were cancelled
     * @throws InvalidJobException naming {@code status} if the filter has no state or a final one
     */
    int cancelAll(JobFilter filter, Instant enqueuedBefore);

    /**
     * Deletes every finished job the filter selects, in transactions of at most
     * {@value #BULK_PAGE} jobs each.
     *
     * @param filter which jobs; its state must be SUCCEEDED, DEAD or CANCELLED
     * @param enqueuedBefore only jobs enqueued before this, or null
     * @return how many jobs were deleted
     * @throws InvalidJobException naming {@code status} if the filter's state is not a final one
     */
    int deleteAll(JobFilter filter, Instant enqueuedBefore);

    /** Jobs per transaction of a bulk action. */
    int BULK_PAGE = 500;
}
