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
     * replayed: the next fire is the next tick after now.
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
     * steps and names ({@code 0 3 * * MON-FRI}), or a macro such as {@code @daily}.
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
     * Cancels a job that has not started.
     *
     * @param id the job's id
     * @return whether it was QUEUED and is now CANCELLED
     */
    boolean cancel(JobId id);

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
