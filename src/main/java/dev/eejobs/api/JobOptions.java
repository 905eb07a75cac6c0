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

    private static final JobOptions DEFAULTS = new JobOptions(null, null, null, null, null, null, null, null);

    private final String queue;
    private final Integer maxRetries;
    private final Backoff backoff;
    private final Duration heartbeat;
    private final Duration delay;
    private final Instant runAt;
    private final Integer priority;
    private final Duration timeout;

    private JobOptions(String queue, Integer maxRetries, Backoff backoff, Duration heartbeat,
            Duration delay, Instant runAt, Integer priority, Duration timeout) {
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
        return new JobOptions(validQueue(name), maxRetries, backoff, heartbeat, delay, runAt, priority, timeout);
    }

    /**
     * @param retries retries after the first attempt (0 = never retry) or {@link #UNLIMITED}
     * @return a copy with the retry limit set
     * @throws InvalidJobException if {@code retries} is below {@link #UNLIMITED}
     */
    public JobOptions maxRetries(int retries) {
        return new JobOptions(queue, validRetries("maxRetries", retries), backoff, heartbeat, delay, runAt, priority, timeout);
    }

    /**
     * @param policy the wait between attempts
     * @return a copy with the backoff set
     */
    public JobOptions backoff(Backoff policy) {
        if (policy == null) {
            throw new InvalidJobException("backoff", "must not be null");
        }
        return new JobOptions(queue, maxRetries, policy, heartbeat, delay, runAt, priority, timeout);
    }

    /**
     * @param interval how often a running job's lease is renewed, a whole number of milliseconds
     *     from 100 ms to 1 day; the lease expires after 5 intervals without a heartbeat
     * @return a copy with the heartbeat interval set
     * @throws InvalidJobException if the interval is out of bounds
     */
    public JobOptions heartbeat(Duration interval) {
        return new JobOptions(queue, maxRetries, backoff, validHeartbeat("heartbeat", interval), delay, runAt, priority, timeout);
    }

    /**
     * @param wait how long from now the job becomes due, from zero to
     *     {@link TimeLimits#MAX_DURATION}
     * @return a copy with the delay set (and any run-at time cleared)
     * @throws InvalidJobException if the delay is out of bounds
     */
    public JobOptions delay(Duration wait) {
        return new JobOptions(queue, maxRetries, backoff, heartbeat, TimeLimits.duration("delay", wait), null,
                priority, timeout);
    }

    /**
     * @param instant the earliest time the job may run, from {@link TimeLimits#EARLIEST_RUN_AT}
     *     to {@link TimeLimits#LATEST_RUN_AT}; digits below a microsecond round up to the next one
     * @return a copy with the run-at time set (and any delay cleared)
     * @throws InvalidJobException if the instant is out of bounds
     */
    public JobOptions runAt(Instant instant) {
        return new JobOptions(queue, maxRetries, backoff, heartbeat, null, TimeLimits.runAt("runAt", instant),
                priority, timeout);
    }

    /**
     * @param value higher runs first within a queue
     * @return a copy with the priority set
     */
    public JobOptions priority(int value) {
        return new JobOptions(queue, maxRetries, backoff, heartbeat, delay, runAt, value, timeout);
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
                validTimeout("timeout", limit));
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
