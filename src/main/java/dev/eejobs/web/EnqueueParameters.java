package dev.eejobs.web;

import dev.eejobs.api.Backoff;
import dev.eejobs.api.DurationText;
import dev.eejobs.api.InvalidJobException;
import dev.eejobs.api.JobOptions;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The optional query parameters of an enqueue, read into {@link JobOptions}; each refusal names
 * its parameter.
 *
 * @param delay e.g. {@code 30s}; not with {@code runAt}
 * @param runAt ISO-8601 instant, e.g. {@code 2030-01-01T00:00:00Z}, from 1970 to 9999, at most 6
 *     fractional digits; not with {@code delay}
 * @param queue queue override
 * @param priority whole number, higher runs first
 * @param maxRetries whole number ≥ 0, or {@code unlimited}
 * @param backoff e.g. {@code fixed(30s)}
 * @param timeout how long one attempt may run, e.g. {@code 30s}
 */
record EnqueueParameters(String delay, String runAt, String queue, String priority, String maxRetries,
        String backoff, String timeout) {

    EnqueueParameters(String delay, String runAt, String queue, String priority, String maxRetries, String backoff) {
        this(delay, runAt, queue, priority, maxRetries, backoff, null);
    }

    JobOptions toOptions() {
        JobOptions options = JobOptions.defaults();
        if (delay != null && runAt != null) {
            throw new InvalidJobException("runAt", "give either delay or runAt, not both");
        }
        if (delay != null) {
            options = options.delay(DurationText.parse("delay", delay));
        }
        if (runAt != null) {
            options = options.runAt(instant(runAt));
        }
        if (queue != null) {
            options = options.queue(queue);
        }
        if (priority != null) {
            options = options.priority(whole("priority", priority));
        }
        if (maxRetries != null) {
            options = options.maxRetries(maxRetries.equalsIgnoreCase("unlimited") ? JobOptions.UNLIMITED
                    : JobOptions.validRetries("maxRetries", whole("maxRetries", maxRetries)));
        }
        if (backoff != null) {
            options = options.backoff(backoffOf(backoff));
        }
        if (timeout != null) {
            options = options.timeout(JobOptions.validTimeout("timeout", DurationText.parse("timeout", timeout)));
        }
        return options;
    }

    /**
     * An instant as text: finer digits than a microsecond are refused rather than rounded, since
     * the databases keep microseconds and what is stored is what was sent (the range is checked by
     * {@link JobOptions#runAt}).
     */
    private static Instant instant(String text) {
        Instant instant;
        try {
            instant = Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidJobException("runAt", "must be an ISO-8601 instant such as 2030-01-01T00:00:00Z, was "
                    + ApiProblem.quoted(text));
        }
        if (instant.getNano() % 1_000 != 0) {
            throw new InvalidJobException("runAt", "has more than 6 fractional digits; run-at times are kept to the"
                    + " microsecond, was " + ApiProblem.quoted(text));
        }
        return instant;
    }

    private static Backoff backoffOf(String text) {
        try {
            return Backoff.parse(text);
        } catch (InvalidJobException e) {
            throw new InvalidJobException("backoff", e.reason());
        } catch (RuntimeException e) {
            throw new InvalidJobException("backoff", "is not a backoff such as exponential(2) or fixed(30s), was "
                    + ApiProblem.quoted(text));
        }
    }

    static int whole(String field, String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new InvalidJobException(field, "must be a whole number that fits 32 bits, was "
                    + ApiProblem.quoted(text));
        }
    }
}
