package dev.eejobs.engine;

/** The part of a failure worth storing on the job: exception chain and the top of each stack. */
final class ErrorSummary {

    static final int MAX_CHARS = 4_000;
    private static final int FRAMES = 8;

    private ErrorSummary() {}

    /** @return the failure's own text (its class and message), at most {@link #MAX_CHARS} characters */
    static String message(Throwable failure) {
        return bounded(String.valueOf(failure));
    }

    /** @return the text cut to {@link #MAX_CHARS} characters, ending in an ellipsis if it was longer */
    static String bounded(String text) {
        return text == null || text.length() <= MAX_CHARS ? text : text.substring(0, MAX_CHARS - 1) + "…";
    }

    static String of(Throwable failure) {
        StringBuilder out = new StringBuilder();
        Throwable t = failure;
        for (int depth = 0; t != null && depth < 5; depth++, t = t.getCause() == t ? null : t.getCause()) {
            out.append(depth == 0 ? "" : "Caused by: ").append(t).append('\n');
            StackTraceElement[] stack = t.getStackTrace();
            for (int i = 0; i < Math.min(FRAMES, stack.length); i++) {
                out.append("\tat ").append(stack[i]).append('\n');
            }
        }
        return out.length() > MAX_CHARS ? out.substring(0, MAX_CHARS - 1) + "…" : out.toString();
    }
}
