package dev.eejobs.web;

import dev.eejobs.api.DurationText;
import dev.eejobs.api.InvalidJobException;
import dev.eejobs.api.JobFilter;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The selection of a bulk action or a count: the list filters, and {@code olderThan} — an ISO-8601
 * instant, or a duration such as {@code 1h} meaning "enqueued before now minus it".
 *
 * @param filter status, type and queue, as the list takes them
 * @param enqueuedBefore only jobs enqueued before this, or null
 */
record BulkParameters(JobFilter filter, Instant enqueuedBefore) {

    static BulkParameters of(String status, String type, String queue, String olderThan, Instant now) {
        JobFilter filter = ListParameters.of(status, type, queue, null, null).filter();
        return new BulkParameters(filter, olderThan == null ? null : enqueuedBefore(olderThan.trim(), now));
    }

    private static Instant enqueuedBefore(String text, Instant now) {
        if (!text.isEmpty() && Character.isDigit(text.charAt(0)) && text.contains("T")) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw new InvalidJobException("olderThan", "must be an ISO-8601 instant such as"
                        + " 2030-01-01T00:00:00Z or a duration such as 1h, was " + ApiProblem.quoted(text));
            }
        }
        try {
            return now.minus(DurationText.parse("olderThan", text));
        } catch (InvalidJobException e) {
            throw new InvalidJobException("olderThan", "must be an ISO-8601 instant such as 2030-01-01T00:00:00Z"
                    + " or a duration such as 1h: " + e.reason());
        } catch (ArithmeticException | java.time.DateTimeException e) {
            throw new InvalidJobException("olderThan", "reaches before any job could be enqueued, was "
                    + ApiProblem.quoted(text));
        }
    }
}
