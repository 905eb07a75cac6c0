package dev.eejobs.store;

import dev.eejobs.api.JobState;
import java.util.EnumSet;
import java.util.Set;

/**
 * The job state machine: every state change is one of these named transitions. Stores express
 * each as a conditional write ({@code WHERE status IN from}), so an illegal transition changes
 * nothing; {@link #apply} throws for in-memory use.
 */
public enum JobTransition {
    /** A worker takes a due job. */
    CLAIM(EnumSet.of(JobState.QUEUED), JobState.RUNNING),
    /** The attempt returned normally. */
    SUCCEED(EnumSet.of(JobState.RUNNING), JobState.SUCCEEDED),
    /** The attempt failed (or its lease expired after it started) and retries are left. */
    RETRY(EnumSet.of(JobState.RUNNING), JobState.QUEUED),
    /** The attempt failed (or its lease expired) and no retries are left. */
    BURY(EnumSet.of(JobState.RUNNING), JobState.DEAD),
    /** Shutdown, or a runner stopped for its lease, handed the job back without counting the attempt. */
    RELEASE(EnumSet.of(JobState.RUNNING), JobState.QUEUED),
    /** The lease expired before the attempt's start was recorded: taken back, the attempt not counted. */
    EXPIRE_UNSTARTED(EnumSet.of(JobState.RUNNING), JobState.QUEUED),
    /** An operator cancelled a job that had not started (or was still waiting for its parent or batch). */
    CANCEL(EnumSet.of(JobState.QUEUED, JobState.WAITING), JobState.CANCELLED),
    /**
     * An operator cancelled a running job and its runner stopped (or its lease expired): the
     * outcome, whatever it was, is CANCELLED.
     */
    CANCEL_RUNNING(EnumSet.of(JobState.RUNNING), JobState.CANCELLED),
    /** An operator gave a dead job a new set of retries. */
    REVIVE(EnumSet.of(JobState.DEAD), JobState.QUEUED),
    /** What a waiting job waited for happened: its parent succeeded, or every job of its batch finished. */
    UNBLOCK(EnumSet.of(JobState.WAITING), JobState.QUEUED),
    /** A waiting job's parent ended DEAD or CANCELLED (or is gone): it will never run. */
    ABANDON(EnumSet.of(JobState.WAITING), JobState.CANCELLED);

    private final Set<JobState> from;
    private final JobState to;

    JobTransition(Set<JobState> from, JobState to) {
        this.from = from;
        this.to = to;
    }

    /**
     * The states in which a job holds its unique key (see {@code eejobs_job.unique_active}): while
     * a job is in one of these, no other job of its type may be stored with the same key.
     */
    public static final Set<JobState> ACTIVE = EnumSet.of(JobState.QUEUED, JobState.RUNNING, JobState.WAITING);

    /** @return whether this transition leaves an active state for an inactive one: it frees the unique key */
    public boolean deactivates() {
        return !ACTIVE.contains(to) && from.stream().anyMatch(ACTIVE::contains);
    }

    /** @return whether this transition makes an inactive job active again: it takes the unique key back */
    public boolean activates() {
        return ACTIVE.contains(to) && from.stream().noneMatch(ACTIVE::contains);
    }

    /** @return the states this transition leaves */
    public Set<JobState> from() {
        return from;
    }

    /** @return the state this transition enters */
    public JobState to() {
        return to;
    }

    /**
     * @param current the job's state
     * @return the state after this transition
     * @throws IllegalStateException if the transition does not leave {@code current}
     */
    public JobState apply(JobState current) {
        if (!from.contains(current)) {
            throw new IllegalStateException("cannot " + name().toLowerCase() + " a " + current + " job");
        }
        return to;
    }
}
