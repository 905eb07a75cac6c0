package dev.eejobs.api;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a failed job waits before its next attempt. Written as text in annotations and
 * configuration: {@code exponential(2)}, {@code fixed(30s)}, {@code linear(10s)}, optionally
 * followed by {@code cap=5m} and {@code jitter=0.2}, e.g. {@code exponential(2, cap=10m, jitter=0.1)}.
 *
 * <ul>
 *   <li>{@code exponential(base)} waits {@code base^k} seconds after the k-th failure;
 *   <li>{@code fixed(d)} waits {@code d} after every failure;
 *   <li>{@code linear(step)} waits {@code step × k}.
 * </ul>
 * A cap bounds the delay; jitter {@code j} spreads it uniformly over {@code [d×(1-j), d]}.
 * No arithmetic overflows at any k: delays saturate at the cap, or at 100 years without one.
 * Durations (the fixed delay, the linear step, the cap) are between zero and
 * {@link TimeLimits#MAX_DURATION}; the exponential base is a finite number of at least 1.
 */
public final class Backoff {

    /** Uncapped delays saturate here instead of overflowing. */
    static final Duration CEILING = TimeLimits.MAX_DURATION;

    private static final Pattern FORM = Pattern.compile(
            "\\s*(exponential|fixed|linear)\\s*\\(\\s*([^,)]+?)\\s*((?:,\\s*[a-z]+\\s*=\\s*[^,)]+?\\s*)*)\\)\\s*");
    /** Longest text form read; longer ones are refused before any pattern sees them. */
    static final int MAX_TEXT = 200;

    /** Plain decimals only: Java would also read NaN, Infinity, hexadecimal and a trailing d or f. */
    private static final Pattern DECIMAL = Pattern.compile("\\d{1,20}(\\.\\d{1,20})?(e[+-]?\\d{1,3})?");
    private static final Pattern OPTION = Pattern.compile(",\\s*([a-z]+)\\s*=\\s*([^,]+?)\\s*(?=,|$)");

    private enum Kind { EXPONENTIAL, FIXED, LINEAR }

    private final Kind kind;
    private final double base;
    private final Duration step;
    private final Duration cap;
    private final double jitter;

    private Backoff(Kind kind, double base, Duration step, Duration cap, double jitter) {
        this.kind = kind;
        this.base = base;
        this.step = step;
        this.cap = cap;
        this.jitter = jitter;
    }

    /**
     * @param base the growth factor, at least 1
     * @return a backoff waiting {@code base^k} seconds after the k-th failure
     */
    public static Backoff exponential(double base) {
        if (!(base >= 1.0) || Double.isInfinite(base)) {
            throw new InvalidJobException("backoff", "exponential base must be a finite number >= 1, was " + base);
        }
        return new Backoff(Kind.EXPONENTIAL, base, null, null, 0);
    }

    /**
     * @param delay the constant wait, from zero to {@link TimeLimits#MAX_DURATION}
     * @return a backoff waiting {@code delay} after every failure
     */
    public static Backoff fixed(Duration delay) {
        return new Backoff(Kind.FIXED, 0, nonNegative(delay, "fixed delay"), null, 0);
    }

    /**
     * @param step the increment per failure, from zero to {@link TimeLimits#MAX_DURATION}
     * @return a backoff waiting {@code step × k} after the k-th failure
     */
    public static Backoff linear(Duration step) {
        return new Backoff(Kind.LINEAR, 0, nonNegative(step, "linear step"), null, 0);
    }

    /**
     * @param maxDelay the longest wait, from zero to {@link TimeLimits#MAX_DURATION}
     * @return this backoff with its delays bounded by {@code maxDelay}
     */
    public Backoff withCap(Duration maxDelay) {
        return new Backoff(kind, base, step, nonNegative(maxDelay, "cap"), jitter);
    }

    /**
     * @param fraction in [0, 1]: each delay is drawn uniformly from {@code [d×(1-fraction), d]}
     * @return this backoff with jitter
     */
    public Backoff withJitter(double fraction) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new InvalidJobException("backoff", "jitter must be between 0 and 1, was " + fraction);
        }
        return new Backoff(kind, base, step, cap, fraction);
    }

    /**
     * The wait after the given failure, before jitter.
     *
     * @param failures how many attempts have failed so far, at least 1
     * @return the delay before the next attempt
     */
    public Duration delayAfter(int failures) {
        if (failures < 1) {
            throw new IllegalArgumentException("failures must be >= 1, was " + failures);
        }
        Duration limit = cap == null ? CEILING : cap;
        Duration raw = switch (kind) {
            case EXPONENTIAL -> exponentialSeconds(failures, limit);
            case FIXED -> step;
            case LINEAR -> multiply(step, failures, limit);
        };
        return raw.compareTo(limit) > 0 ? limit : raw;
    }

    /**
     * The wait after the given failure with jitter applied.
     *
     * @param failures how many attempts have failed so far, at least 1
     * @param uniform a random number in [0, 1)
     * @return the delay before the next attempt
     */
    public Duration delayAfter(int failures, double uniform) {
        Duration delay = delayAfter(failures);
        if (jitter == 0) {
            return delay;
        }
        long nanos = toNanosSaturated(delay);
        long off = (long) (nanos * jitter * uniform);
        return Duration.ofNanos(nanos - off);
    }

    private Duration exponentialSeconds(int failures, Duration limit) {
        double seconds = Math.pow(base, failures);
        if (Double.isInfinite(seconds) || seconds >= limit.getSeconds() + 1) {
            return limit;
        }
        return Duration.ofNanos(Math.round(seconds * 1_000_000_000d));
    }

    private static Duration multiply(Duration step, int times, Duration limit) {
        if (step.isZero()) {
            return step;
        }
        if (limit.dividedBy(step) < times) {
            return limit;
        }
        return step.multipliedBy(times);
    }

    private static long toNanosSaturated(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    private static Duration nonNegative(Duration d, String what) {
        Objects.requireNonNull(d, what);
        try {
            return TimeLimits.duration("backoff", d);
        } catch (InvalidJobException e) {
            throw new InvalidJobException("backoff", what + " " + e.reason());
        }
    }

    /**
     * Reads the text form described in the class comment.
     *
     * @param text e.g. {@code exponential(2)} or {@code fixed(30s, cap=1m)}
     * @return the backoff
     * @throws InvalidJobException naming what is wrong with the text
     */
    public static Backoff parse(String text) {
        if (text != null && text.length() > MAX_TEXT) {
            throw new InvalidJobException("backoff", "must be at most " + MAX_TEXT + " characters, was " + text.length());
        }
        Matcher m = FORM.matcher(text == null ? "" : text.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new InvalidJobException("backoff",
                    "expected exponential(base), fixed(duration) or linear(duration), optionally with "
                            + "cap=duration and jitter=fraction, but was " + DurationText.quoted(text));
        }
        Backoff backoff = switch (m.group(1)) {
            case "exponential" -> exponential(number(m.group(2), text));
            case "fixed" -> fixed(DurationText.parse("backoff", m.group(2)));
            default -> linear(DurationText.parse("backoff", m.group(2)));
        };
        Matcher o = OPTION.matcher(m.group(3));
        while (o.find()) {
            switch (o.group(1)) {
                case "cap" -> backoff = backoff.withCap(DurationText.parse("backoff", o.group(2)));
                case "jitter" -> backoff = backoff.withJitter(number(o.group(2), text));
                default -> throw new InvalidJobException("backoff",
                        "unknown option '" + o.group(1) + "' in " + DurationText.quoted(text) + "; known: cap, jitter");
            }
        }
        return backoff;
    }

    private static double number(String s, String text) {
        if (!DECIMAL.matcher(s).matches()) {
            throw new InvalidJobException("backoff", DurationText.quoted(s) + " is not a decimal number in "
                    + DurationText.quoted(text));
        }
        return Double.parseDouble(s);
    }

    /** @return the text form, which {@link #parse(String)} reads back */
    @Override
    public String toString() {
        String head = switch (kind) {
            case EXPONENTIAL -> "exponential(" + plain(base);
            case FIXED -> "fixed(" + DurationText.format(step);
            case LINEAR -> "linear(" + DurationText.format(step);
        };
        return head + (cap == null ? "" : ", cap=" + DurationText.format(cap))
                + (jitter == 0 ? "" : ", jitter=" + plain(jitter)) + ")";
    }

    /** Whole numbers without a fraction; anything else (including 1.0E300) as Java writes doubles, which parse reads back. */
    private static String plain(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Backoff b && b.toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
