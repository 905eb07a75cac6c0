package dev.eejobs.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs a step over and over on a managed thread until the engine drains. An {@link Exception}
 * from the step (say, the database is down) is logged and the loop pauses and carries on; anything
 * else ends the loop, and the supervisor restarts it.
 *
 * <p>After a failed pass the loop first pauses by itself ({@link #pauseMillis}: 50 ms, doubling with
 * each failure in a row, at most 1 s), whatever wakes it: a fetcher whose stored jobs came due
 * while the database was down would otherwise look again at once, over and over, and spin on
 * refused connections (thousands a second, each logged by the server's pool) for the whole outage.
 */
final class EngineLoop implements Runnable {

    /** One pass of a loop body; tests call it directly. */
    interface Step {
        /** @return true to go again at once, false to pause until woken or the idle time passes */
        boolean runOnce() throws Exception;
    }

    private static final Logger LOG = Logger.getLogger(EngineLoop.class.getName());
    private static final long LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);
    static final long FIRST_PAUSE_MILLIS = 50;
    static final long MAX_PAUSE_MILLIS = 1_000;

    private final String name;
    private final Step step;
    private final Duration idle;
    private final Semaphore wakeUps;
    private final BooleanSupplier draining;
    private final Clock clock;
    /** A fetcher's: when jobs this node stored come due, to look again then; else null. */
    private final DueTimes dueTimes;
    private volatile Future<?> future;
    private volatile Instant restartAt;
    private volatile Instant lastPass;
    private volatile boolean begun;
    private long lastErrorLogNanos = System.nanoTime() - LOG_EVERY_NANOS;
    private int failuresInARow;

    EngineLoop(String name, Step step, Duration idle, Semaphore wakeUps, BooleanSupplier draining,
            Clock clock) {
        this(name, step, idle, wakeUps, draining, clock, null);
    }

    /** A loop that also looks again when the first of {@code dueTimes} comes, if before the idle time passes. */
    EngineLoop(String name, Step step, Duration idle, Semaphore wakeUps, BooleanSupplier draining,
            Clock clock, DueTimes dueTimes) {
        this.dueTimes = dueTimes;
        this.name = name;
        this.clock = clock;
        this.step = step;
        this.idle = idle;
        this.wakeUps = wakeUps == null ? new Semaphore(0) : wakeUps;
        this.draining = draining;
    }

    @Override
    public void run() {
        begun = true;
        String original = Thread.currentThread().getName();
        Thread.currentThread().setName("eejobs-" + name);
        try {
            while (!draining.getAsBoolean()) {
                boolean again;
                try {
                    long passStart = clock.millis();
                    again = step.runOnce();
                    failuresInARow = 0;
                    if (dueTimes != null) {
                        dueTimes.lookedAt(passStart); // the claim's moment is later: it saw those jobs due
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (Exception e) {
                    logThrottled(e);
                    failuresInARow++;
                    Thread.sleep(pauseMillis(failuresInARow)); // not cut short by wake-ups or due times
                    again = false;
                }
                lastPass = clock.instant();
                if (!again && wakeUps.tryAcquire(waitMillis(), TimeUnit.MILLISECONDS)) {
                    wakeUps.drainPermits();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            Thread.currentThread().setName(original);
        }
    }

    /** @return the pause after the given number of failed passes in a row (at least one) */
    static long pauseMillis(int failuresInARow) {
        int doublings = Math.min(failuresInARow - 1, 10);
        return Math.min(MAX_PAUSE_MILLIS, FIRST_PAUSE_MILLIS << doublings);
    }

    /** @return how long to wait for a wake-up: the idle time, or less when a stored job comes due sooner */
    private long waitMillis() {
        long wait = idle.toMillis();
        long due = dueTimes == null ? -1 : dueTimes.millisUntilNext(clock.millis());
        return due < 0 ? wait : Math.min(wait, due);
    }

    private void logThrottled(Exception e) {
        long now = System.nanoTime();
        if (now - lastErrorLogNanos >= LOG_EVERY_NANOS) {
            lastErrorLogNanos = now;
            LOG.log(Level.WARNING, "eejobs loop " + name + " failed; retrying", e);
        }
    }

    String name() {
        return name;
    }

    void started(Future<?> running) {
        future = running;
        restartAt = null;
    }

    /** @return whether the loop was handed to the executor but has never had a thread */
    boolean waitingForThread() {
        Future<?> f = future;
        return f != null && !begun && !f.isDone();
    }

    /** @return whether the loop's task has ended (normally only when draining) */
    boolean ended() {
        Future<?> f = future;
        return f == null || f.isDone();
    }

    Instant restartAt() {
        return restartAt;
    }

    void restartAt(Instant at) {
        restartAt = at;
    }

    EngineStatus.Loop status() {
        return new EngineStatus.Loop(name, !ended(), lastPass, restartAt);
    }

    void wake() {
        wakeUps.release();
    }
}
