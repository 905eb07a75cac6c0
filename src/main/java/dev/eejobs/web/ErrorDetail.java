package dev.eejobs.web;

import java.util.Locale;

/**
 * How much of a job's stored failure the API shows as {@code lastError} ({@code jobs.http.error-detail}).
 * The store keeps the exception chain with the top frames of each stack; the full trace is in the
 * server log of the node that ran the attempt.
 */
enum ErrorDetail {
    /** No {@code lastError} at all: the state (DEAD, or QUEUED with attempts) says that it failed. */
    NONE,
    /** The exception lines of the chain ({@code Type: message} and each {@code Caused by:}), no frames. */
    MESSAGE,
    /** The exception lines plus the top {@value #FRAMES} frames of the outermost exception. */
    EXCERPT;

    static final int FRAMES = 3;
    static final int MAX_CHARS = 2_000;

    /**
     * @param stored the failure as the store keeps it (see the engine's error summary), or null
     * @return what the API shows
     */
    String present(String stored) {
        if (stored == null || this == NONE) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        int framesShown = 0;
        boolean outermost = true;
        for (String line : stored.split("\n")) {
            boolean frame = line.startsWith("\tat ");
            if (!frame && line.startsWith("Caused by: ")) {
                outermost = false;
            }
            if (frame && !(this == EXCERPT && outermost && framesShown++ < FRAMES)) {
                continue;
            }
            out.append(line).append('\n');
        }
        String text = out.toString().stripTrailing();
        return text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS - 1) + "…" : text;
    }

    /** @param level {@code jobs.http.error-detail} as the configuration validated it */
    static ErrorDetail of(String level) {
        return valueOf(level.toUpperCase(Locale.ROOT));
    }
}
