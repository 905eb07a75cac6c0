package dev.eejobs.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Per-call overrides of a job type's defaults. Immutable; start from {@link #defaults()}.
 *
 * <pre>{@code
 * jobs.enqueue(SendWelcomeMail.class, signup, JobOptions.defaults().queue("urgent").maxRetries(1));
 * }</pre>
 */
public final class JobOptions {

    /** Retries without limit. */
    public static final int UNLIMITED = -1;

    /** Longest queue name accepted. */
    public static final int MAX_QUEUE_LENGTH = 100;

    /** Longest unique key accepted. */
    public static final int MAX_UNIQUE_KEY_LENGTH = 200;

    private static final JobOptions DEFAULTS = new JobOptions(null, null, null, null, null, null, null, null, null, null);

    private final String queue;
    private final Integer maxRetries;
    private final Backoff backoff;
    private final Duration heartbeat;
    private final Duration delay;
    private final Instant runAt;
    private final Integer priority;
    private final String uniqueKey;
    private final Duration uniqueFor;
    private final Duration timeout;

    private JobOptions(String queue, Integer maxRetries, Backoff backoff, Duration heartbeat,
            Duration delay, Instant runAt, Integer priority, String uniqueKey, Duration uniqueFor,
            Duration timeout) {
        this.uniqueKey = uniqueKey;
        this.uniqueFor = uniqueFor;
        this.timeout = timeout;
        this.queue = queue;
        this.maxRetries = maxRetries;
        this.backoff = backoff;
        this.heartbeat = heartbeat;
        this.delay = delay;
        this.runAt = runAt;
        this.priority = priority;
    }

    /** @return options that change nothing */
    public static JobOptions defaults() {
        return DEFAULTS;
    }

    /**
     * @param name the queue to run on: letters, digits, '.', '_' or '-', at most 100 characters
     * @return a copy with the queue set
     * @throws InvalidJobException if the name is not valid
     */
    public JobOptions queue(String name) {
        return new JobOptions(validQueue(name), maxRetries, backoff, heartbeat, delay, runAt, priority, uniqueKey, uniqueFor, timeout);
    }

    /**
     * @param retries retries after the first attempt (0 = never retry) or {@link #UNLIMITED}
     * @return a copy with the retry limit set
     * @throws InvalidJobException if {@code retries} is below {@link #UNLIMITED}
     */
    public JobOptions maxRetries(int retries) {
        return new JobOptions(queue, validRetries("maxRetries", retries), backoff, heartbeat, delay, runAt, priority, uniqueKey, uniqueFor, timeout);
    }

    /**
     * @param policy the wait between attempts
     * @return a copy with the backoff set
     */
    public JobOptions backoff(Backoff policy) {
        if (policy == null) {
            throw new InvalidJobException("backoff", "must not be null");
        }
        return new JobOptions(queue, maxRetries, policy, heartbeat, delay, runAt, priority, uniqueKey, uniqueFor, timeout);
    }

    /**
     * @param interval how often a running job's lease is renewed, a whole number of milliseconds
     *     from 100 ms to 1 day; the lease expires after 5 intervals without a heartbeat
     * @return a copy with the heartbeat interval set
     * @throws InvalidJobException if the interval is out of bounds
     */
    public JobOptions heartbeat(Duration interval) {
        return new JobOptions(queue, maxRetries, backoff, validHeartbeat("heartbeat", interval), delay, runAt, priority, uniqueKey, uniqueFor, timeout);
    }

    /**
     * @param wait how long from now the job becomes due, from zero to
     *     {@link TimeLimits#MAX_DURATION}
     * @return a copy with the delay set (and any run-at time cleared)
     * @throws InvalidJobException if the delay is out of bounds
     */
    public JobOptions delay(Duration wait) {
        return new JobOptions(queue, maxRetries, backoff, heartbeat, TimeLimits.duration("delay", wait), null,
                priority, uniqueKey, uniqueFor, timeout);
    }

    /**
     * @param instant the earliest time the job may run, from {@link TimeLimits#EARLIEST_RUN_AT}
     *     to {@link TimeLimits#LATEST_RUN_AT}; digits below a microsecond round up to the next one
     * @return a copy with the run-at time set (and any delay cleared)
     * @throws InvalidJobException if the instant is out of bounds
     */
    public JobOptions runAt(Instant instant) {
        return new JobOptions(queue, maxRetries, backoff, heartbeat, null, TimeLimits.runAt("runAt", instant),
                priority, uniqueKey, uniqueFor, timeout);
    }

    /**
     * @param value higher runs first within a queue
     * @return a copy with the priority set
     */
    public JobOptions priority(int value) {
        return new JobOptions(queue, maxRetries, backoff, heartbeat, delay, runAt, value, uniqueKey, uniqueFor, timeout);
    }

    /**
     * Makes the job unique by this key among jobs of its type: while a job of the type with the
     * same key is QUEUED or RUNNING, enqueueing stores nothing and returns that job's id instead
     * ({@link JobQueue#submit} tells which happened). The database's unique index decides, so this
     * holds across nodes and concurrent callers, inside callers' transactions too, and a duplicate
     * never fails the caller's transaction. Overrides a key the type derives
     * ({@link BackgroundJob#uniqueKey}).
     *
     * @param key 1-200 characters, no control characters
     * @return a copy with the unique key set
     * @throws InvalidJobException naming {@code uniqueKey} if the key is refused
     */
    public JobOptions uniqueKey(String key) {
        return new JobOptions(queue, maxRetries, backoff, heartbeat, delay, runAt, priority,
                validUniqueKey("uniqueKey", key), uniqueFor, timeout);
    }

    /**
     * Extends a unique key's reach past the job's end: a job with the key that SUCCEEDED no longer
     * than {@code period} ago also counts as a duplicate, so for example a nightly report enqueued
     * twice an hour apart runs once. Without it (or with zero) only QUEUED and RUNNING jobs
     * count. A DEAD or CANCELLED job never does. Unlike the active check, this one is a read just
     * before the insert: a job that succeeds at that very moment may let one more job in. Has no
     * effect on a job without a unique key.
     *
     * @param period from zero to {@link TimeLimits#MAX_DURATION}
     * @return a copy with the period set
     * @throws InvalidJobException naming {@code uniqueFor} if the period is out of bounds
     */
    public JobOptions uniqueFor(Duration period) {
        return new JobOptions(queue, maxRetries, backoff, heartbeat, delay, runAt, priority, uniqueKey,
                TimeLimits.duration("uniqueFor", period), timeout);
    }

    /** @return the unique key, if any */
    public Optional<String> uniqueKey() {
        return Optional.ofNullable(uniqueKey);
    }

    /** @return how long a SUCCEEDED job still deduplicates, if set */
    public Optional<Duration> uniqueFor() {
        return Optional.ofNullable(uniqueFor);
    }

    /**
     * @param limit how long one attempt may run before it is interrupted and counts as failed
     *     ("timed out after …", retried per the retry policy): whole milliseconds, from 1 ms to
     *     {@link TimeLimits#MAX_DURATION}
     * @return a copy with the timeout set
     * @throws InvalidJobException naming {@code timeout} if the limit is out of bounds
     */
    public JobOptions timeout(Duration limit) {
        return new JobOptions(queue, maxRetries, backoff, heartbeat, delay, runAt, priority,
                uniqueKey, uniqueFor, validTimeout("timeout", limit));
    }

    /** @return the timeout override, if any */
    public Optional<Duration> timeout() {
        return Optional.ofNullable(timeout);
    }

    /**
     * @param field the option being checked, named in the error
     * @param limit a timeout
     * @return the timeout, if valid: whole milliseconds from 1 ms to {@link TimeLimits#MAX_DURATION}
     * @throws InvalidJobException otherwise
     */
    public static Duration validTimeout(String field, Duration limit) {
        return TimeLimits.wholeMillis(field, limit, Duration.ofMillis(1), TimeLimits.MAX_DURATION);
    }

    /** @return the queue override, if any */
    public Optional<String> queue() {
        return Optional.ofNullable(queue);
    }

    /** @return the retry override, if any */
    public Optional<Integer> maxRetries() {
        return Optional.ofNullable(maxRetries);
    }

    /** @return the backoff override, if any */
    public Optional<Backoff> backoff() {
        return Optional.ofNullable(backoff);
    }

    /** @return the heartbeat override, if any */
    public Optional<Duration> heartbeat() {
        return Optional.ofNullable(heartbeat);
    }

    /** @return the delay, if any */
    public Optional<Duration> delay() {
        return Optional.ofNullable(delay);
    }

    /** @return the run-at time, if any */
    public Optional<Instant> runAt() {
        return Optional.ofNullable(runAt);
    }

    /** @return the priority override, if any */
    public Optional<Integer> priority() {
        return Optional.ofNullable(priority);
    }

    /**
     * @param field the option being checked, named in the error
     * @param name a queue name
     * @return the name, if valid
     * @throws InvalidJobException otherwise
     */
    public static String validQueue(String field, String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_QUEUE_LENGTH || !name.matches("[A-Za-z0-9._-]+")) {
            throw new InvalidJobException(field, "must be 1-" + MAX_QUEUE_LENGTH
                    + " letters, digits, '.', '_' or '-', was " + DurationText.quoted(name));
        }
        return name;
    }

    /**
     * @param field the option being checked, named in the error
     * @param key a unique key
     * @return the key, if valid: 1-200 characters, none of them a control character or half of a
     *     surrogate pair
     * @throws InvalidJobException otherwise
     */
    public static String validUniqueKey(String field, String key) {
        if (key == null || key.isEmpty() || key.length() > MAX_UNIQUE_KEY_LENGTH) {
            throw new InvalidJobException(field, "must be 1-" + MAX_UNIQUE_KEY_LENGTH + " characters, was "
                    + (key == null ? "null" : key.length() + " characters"));
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < key.length()
                    && Character.isLowSurrogate(key.charAt(i + 1));
            if (Character.isISOControl(c) || Character.isSurrogate(c) && !paired) {
                throw new InvalidJobException(field, "must hold printable characters only; character " + i
                        + " is U+" + String.format("%04X", (int) c));
            }
            if (paired) {
                i++;
            }
        }
        return key;
    }

    private static String validQueue(String name) {
        return validQueue("queue", name);
    }

    /**
     * @param field the option being checked, named in the error
     * @param retries a retry count
     * @return the count, if valid
     * @throws InvalidJobException otherwise
     */
    public static int validRetries(String field, int retries) {
        if (retries < UNLIMITED) {
            throw new InvalidJobException(field, "must be >= 0 or UNLIMITED (-1), was " + retries);
        }
        return retries;
    }

    /**
     * @param field the option being checked, named in the error
     * @param interval a heartbeat interval
     * @return the interval, if valid
     * @throws InvalidJobException otherwise
     */
    public static Duration validHeartbeat(String field, Duration interval) {
        return TimeLimits.wholeMillis(field, interval, TimeLimits.MIN_HEARTBEAT, TimeLimits.MAX_HEARTBEAT);
    }
}
