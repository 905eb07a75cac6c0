package dev.eejobs.store;

import dev.eejobs.api.JobInfo;
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
     * Claims up to {@code limit} due QUEUED jobs of the given types in the queue, oldest first by
     * priority, run-at and id, stamping each RUNNING with a fresh lease token.
     */
    List<ClaimedJob> claim(String queue, Collection<String> types, int limit, String owner, Instant now);

    /**
     * Renews many leases in one transaction, each until its {@link Lease#expiresAt()}.
     *
     * @return the ids whose lease was renewed; the others were fenced
     */
    Set<Long> heartbeat(List<Lease> renewals, Instant now);

    /**
     * RUNNING → SUCCEEDED for many jobs in one transaction, or deletes them when {@code keep} is false.
     *
     * @return the ids written; the others were fenced
     */
    Set<Long> succeed(List<Lease> leases, Instant now, boolean keep);

    /** Renews one lease until {@code expiresAt}. */
    default boolean heartbeat(long id, String token, Instant now, Instant expiresAt) {
        return heartbeat(List.of(new Lease(id, token, expiresAt)), now).contains(id);
    }

    /** RUNNING → SUCCEEDED for one job, or deletes it when {@code keep} is false. */
    default boolean succeed(long id, String token, Instant now, boolean keep) {
        return succeed(List.of(new Lease(id, token, null)), now, keep).contains(id);
    }

    /**
     * RUNNING → QUEUED at {@code nextRunAt} (retry) or → DEAD when {@code nextRunAt} is null.
     *
     * @param expiredBefore if not null, the write happens only if the lease expired before this
     *     instant (the reaper's guard against a heartbeat that just arrived)
     */
    boolean fail(long id, String token, Instant nextRunAt, String error, Instant now, Instant expiredBefore);

    /** RUNNING → QUEUED without counting the attempt (shutdown). */
    boolean release(long id, String token);

    /**
     * @return a new listener for jobs stored by any node, or empty where the database has no
     *     notifications (the engine then relies on local signals and polling)
     */
    default java.util.Optional<WakeUpSource> openWakeUpSource() {
        return java.util.Optional.empty();
    }

    /**
     * Tells the other nodes that jobs were stored in these queues, where the database can
     * (PostgreSQL NOTIFY). Called after the storing transactions committed, outside any of them.
     */
    default void announce(java.util.Collection<String> queues) {}

    /** @return RUNNING jobs whose lease expired before {@code now} */
    List<ClaimedJob> expiredLeases(Instant now, int limit);

    /** @return the job, if stored */
    Optional<JobInfo> find(long id);

    /** QUEUED → CANCELLED. */
    boolean cancel(long id, Instant now);

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
     * job, in one transaction, only if the schedule still stands at {@code tick}. Of several nodes
     * racing for the same tick exactly one gets {@code true}.
     */
    boolean fireSchedule(String name, Instant tick, Instant nextTick, NewJob job);
}
