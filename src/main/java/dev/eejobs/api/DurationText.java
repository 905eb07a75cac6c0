package dev.eejobs.api;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in annotations, configuration and HTTP parameters: 500ms, 30s,
 * 5m, 2h, 7d or ISO-8601 ({@code PT30S}); never negative, at most {@link TimeLimits#MAX_DURATION}.
 */
public final class DurationText {

    private static final Pattern SIMPLE = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private DurationText() {}

    /**
     * @param field the option being read, named in the error
     * @param text e.g. 30s
     * @return the duration, between zero and {@link TimeLimits#MAX_DURATION}
     * @throws InvalidJobException naming the field if the text is not a duration or is out of bounds
     */
    public static Duration parse(String field, String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        Matcher m = SIMPLE.matcher(t);
        if (m.matches()) {
            return TimeLimits.duration(field, simple(field, m.group(1), m.group(2)));
        }
        if (t.startsWith("p")) {
            try {
                return TimeLimits.duration(field, Duration.parse(t.toUpperCase(Locale.ROOT)));
            } catch (DateTimeParseException e) {
                if (e.getCause() instanceof ArithmeticException) {
                    throw tooLong(field);
                }
            }
        }
        throw new InvalidJobException(field,
                quoted(text) + " is not a duration; write e.g. 500ms, 30s, 5m, 2h, 7d or PT30S");
    }

    private static Duration simple(String field, String digits, String unit) {
        try {
            long n = Long.parseLong(digits);
            return switch (unit) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        } catch (ArithmeticException | NumberFormatException e) {
            throw tooLong(field); // digits only: a number that does not fit is simply too large
        }
    }

    private static InvalidJobException tooLong(String field) {
        return new InvalidJobException(field, "must be at most " + format(TimeLimits.MAX_DURATION) + " (100 years)");
    }

    /** Echoes refused input, cut short: a problem detail is not a place to reflect a whole request body. */
    static String quoted(String text) {
        if (text == null) {
            return "null";
        }
        return "'" + (text.length() > 60 ? text.substring(0, 60) + "…" : text) + "'";
    }

    /**
     * @param d a duration
     * @return its shortest text form, which {@link #parse} reads back
     */
    public static String format(Duration d) {
        if (d.isNegative() || d.getNano() % 1_000_000 != 0) {
            return d.toString();
        }
        long s = d.getSeconds();
        int ms = d.getNano() / 1_000_000;
        if (ms != 0) {
            return s < Long.MAX_VALUE / 1000 - 1 ? (s * 1000 + ms) + "ms" : d.toString();
        }
        if (s != 0 && s % 86_400 == 0) {
            return s / 86_400 + "d";
        }
        if (s != 0 && s % 3600 == 0) {
            return s / 3600 + "h";
        }
        if (s != 0 && s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }
}
