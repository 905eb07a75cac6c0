package dev.eejobs.store.postgresql;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * Group commit for one-by-one enqueue: a caller writes its one-job insert at once while fewer than
 * {@link #WRITERS} statements of the group are on their way to the database; the inserts of callers
 * that find every turn taken are written together, in one statement that commits once, by whichever
 * of them gets the next turn. A caller alone never waits: there is no timer. Each caller still returns only after
 * its own job is committed, so what an enqueue promises is unchanged; what it saves is, per job,
 * a round trip, a statement and a commit's disk flush — with several callers, most of what
 * PostgreSQL and the callers' threads spent on each enqueue.
 *
 * <p>When a statement for several jobs fails, none of them is stored (it is one statement), and
 * each caller then writes its own job alone: a failure belongs to the job that caused it, never to
 * the jobs that happened to share its statement.
 *
 * @param <R> one caller's insert
 * @param <T> what the caller gets back
 */
final class InsertGroup<R, T> {

    /** At most this many jobs share a statement: it bounds the statement's size and its wait. */
    static final int MAX_TOGETHER = 64;

    /** At most this many statements of the group are on their way to the database at once. */
    static final int WRITERS = 3;

    private static final long PARK_BOUND_NANOS = 10_000_000;

    private final Function<R, T> writeAlone;
    private final Function<List<R>, List<T>> writeTogether;
    private final Queue<Pending<R, T>> pending = new ConcurrentLinkedQueue<>();
    /**
     * Turns to write a statement for the group: while fewer than {@link #WRITERS} are on their way,
     * a caller writes at once; only callers that find every turn taken gather. Why three (ratios to
     * db-scheduler in the same run, medians of alternated runs; docs/performance-enqueue.md, "Round
     * seven"): with one turn 3 callers wrote one statement at a time and lost the overlap of their
     * commits (1.58× before group commit, 1.26× with one turn); with three they keep it (1.68×) and
     * 8 callers still share statements (1.26× before, 1.65×).
     */
    private final Semaphore turns = new Semaphore(WRITERS);

    /**
     * @param writeAlone writes one insert in a statement of its own
     * @param writeTogether writes several in one statement, all or none; its results in their order
     */
    InsertGroup(Function<R, T> writeAlone, Function<List<R>, List<T>> writeTogether) {
        this.writeAlone = writeAlone;
        this.writeTogether = writeTogether;
    }

    /**
     * Writes the insert, alone or with others', and returns when it is committed.
     *
     * @throws RuntimeException what writing it alone threw (or an Error)
     */
    T write(R insert) {
        Pending<R, T> mine = new Pending<>(insert, Thread.currentThread());
        pending.add(mine);
        boolean interrupted = false;
        while (!mine.done) {
            if (turns.tryAcquire()) {
                try {
                    if (!mine.done) {
                        writeNext();
                    }
                } finally {
                    turns.release();
                }
                // whoever gathered meanwhile takes the next turn (it may be this caller again)
                Pending<R, T> next = pending.peek();
                if (next != null && next != mine) {
                    LockSupport.unpark(next.caller);
                }
            } else {
                // woken by the writer that took this insert, or by one that freed a turn; the bound
                // only guards against a wake-up this reasoning missed: it would cost a delay, not a hang
                LockSupport.parkNanos(this, PARK_BOUND_NANOS);
                // an interrupt must not make the park return at once forever; it is kept for the caller
                interrupted |= Thread.interrupted();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (mine.alone) {
            return writeAlone.apply(insert);
        }
        if (mine.failure instanceof Error e) {
            throw e;
        }
        if (mine.failure != null) {
            throw (RuntimeException) mine.failure;
        }
        return mine.result;
    }

    /** Writes what has gathered, in arrival order, and wakes the callers it wrote for. */
    private void writeNext() {
        List<Pending<R, T>> batch = new ArrayList<>();
        for (Pending<R, T> p; batch.size() < MAX_TOGETHER && (p = pending.poll()) != null;) {
            batch.add(p);
        }
        try {
            if (batch.size() == 1) {
                Pending<R, T> only = batch.get(0);
                try {
                    only.result = writeAlone.apply(only.insert);
                } catch (RuntimeException | Error e) { // thrown in the caller's thread, not the writer's
                    only.failure = e;
                }
            } else if (batch.size() > 1) {
                writeTogether(batch);
            }
        } finally {
            Thread self = Thread.currentThread();
            for (Pending<R, T> p : batch) {
                p.done = true;
                if (p.caller != self) {
                    LockSupport.unpark(p.caller);
                }
            }
        }
    }

    private void writeTogether(List<Pending<R, T>> batch) {
        List<T> results;
        try {
            results = writeTogether.apply(batch.stream().map(p -> p.insert).toList());
        } catch (RuntimeException | Error e) { // nothing of the batch was stored: each caller writes its own
            batch.forEach(p -> p.alone = true);
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).result = results.get(i);
        }
    }

    /** One caller's insert while it waits: its fields are written by the writer before {@link #done}. */
    private static final class Pending<R, T> {
        final R insert;
        final Thread caller;
        T result;
        /** A RuntimeException or an Error. */
        Throwable failure;
        boolean alone;
        volatile boolean done;

        Pending(R insert, Thread caller) {
            this.insert = insert;
            this.caller = caller;
        }
    }
}
