package dev.eejobs.web;

import dev.eejobs.api.InvalidJobException;
import dev.eejobs.api.JobFilter;
import dev.eejobs.api.JobOptions;
import dev.eejobs.api.JobState;
import java.util.Arrays;

/**
 * The query of {@code GET /api/jobs}, validated: the filters, a page size between 1 and
 * {@link #MAX_LIMIT}, and the cursor.
 *
 * @param filter the filters
 * @param limit the page size
 * @param beforeId where the page starts, or null for the first page
 */
record ListParameters(JobFilter filter, int limit, Long beforeId) {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    static ListParameters of(String status, String type, String queue, String limit, String cursor) {
        JobFilter filter = new JobFilter(state(status), type(type), queue == null ? null : JobOptions.validQueue("queue", queue));
        int size = limit == null ? DEFAULT_LIMIT : EnqueueParameters.whole("limit", limit);
        if (size < 1 || size > MAX_LIMIT) {
            throw new InvalidJobException("limit", "must be between 1 and " + MAX_LIMIT + ", was " + size);
        }
        Long before = cursor == null ? null : JobCursor.decode(cursor, filter);
        return new ListParameters(filter, size, before);
    }

    private static JobState state(String text) {
        if (text == null) {
            return null;
        }
        return Arrays.stream(JobState.values()).filter(s -> s.name().equalsIgnoreCase(text)).findFirst()
                .orElseThrow(() -> new InvalidJobException("status", "must be one of "
                        + Arrays.toString(JobState.values()) + ", was " + ApiProblem.quoted(text)));
    }

    /** Type names follow the annotation's rule; anything else cannot match a job and is refused. */
    private static String type(String text) {
        if (text == null) {
            return null;
        }
        if (text.isEmpty() || text.length() > 200 || !text.matches("[A-Za-z0-9._:-]+")) {
            throw ApiProblem.badRequest("type", "must be 1-200 letters, digits, '.', '_', ':' or '-', was "
                    + ApiProblem.quoted(text));
        }
        return text;
    }
}
