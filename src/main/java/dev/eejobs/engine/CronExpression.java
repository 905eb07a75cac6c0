package dev.eejobs.engine;

import dev.eejobs.api.InvalidJobException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.Locale;
import java.util.Map;

/**
 * A five-field cron expression — minute, hour, day of month, month, day of week — with lists,
 * ranges, steps, month and day names, and the macros {@code @hourly}, {@code @daily},
 * {@code @weekly}, {@code @monthly}, {@code @yearly}. As in classic cron, when both day fields are
 * restricted a day matching either one fires.
 */
final class CronExpression {

    private static final Map<String, String> MACROS = Map.of(
            "@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *", "@monthly", "0 0 1 * *",
            "@weekly", "0 0 * * 0", "@daily", "0 0 * * *", "@midnight", "0 0 * * *", "@hourly", "0 * * * *");
    private static final String[] MONTHS = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT",
        "NOV", "DEC"};
    private static final String[] DAYS = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};
    /** Searching further than this many years means the expression can never fire (say, 30 February). */
    private static final int HORIZON_YEARS = 8;

    private final String text;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final boolean anyDayOfMonth;
    private final boolean anyDayOfWeek;

    private CronExpression(String text, String[] f) {
        this.text = text;
        minutes = field(f[0], 0, 59, null, "minute");
        hours = field(f[1], 0, 23, null, "hour");
        daysOfMonth = field(f[2], 1, 31, null, "day of month");
        months = field(f[3], 1, 12, MONTHS, "month");
        BitSet dow = field(f[4], 0, 7, DAYS, "day of week");
        if (dow.get(7)) {
            dow.set(0); // 7 is Sunday too
        }
        daysOfWeek = dow;
        anyDayOfMonth = f[2].equals("*") || f[2].equals("?");
        anyDayOfWeek = f[4].equals("*") || f[4].equals("?");
    }

    /**
     * @param text e.g. {@code 0 3 * * MON-FRI} or {@code @hourly}
     * @return the parsed expression
     * @throws InvalidJobException naming the {@code cron} field and what is wrong
     */
    static CronExpression parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidJobException("cron", "must not be empty");
        }
        String normal = text.trim().toUpperCase(Locale.ROOT);
        String expanded = MACROS.getOrDefault(normal.toLowerCase(Locale.ROOT), normal);
        String[] fields = expanded.split("\\s+");
        if (fields.length != 5) {
            throw new InvalidJobException("cron", "'" + text + "' must have 5 fields (minute hour day-of-month"
                    + " month day-of-week) or be a macro such as @daily; it has " + fields.length);
        }
        CronExpression cron = new CronExpression(text.trim(), fields);
        Instant probe = Instant.parse("2000-01-01T00:00:00Z");
        if (cron.nextAfter(probe, ZoneId.of("UTC")) == null) {
            throw new InvalidJobException("cron", "'" + text + "' never fires");
        }
        return cron;
    }

    /**
     * @param after the instant to search from, exclusive
     * @param zone the zone the fields are read in
     * @return the first matching minute after {@code after}, or null if none within the horizon
     */
    Instant nextAfter(Instant after, ZoneId zone) {
        ZonedDateTime t = after.atZone(zone).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        ZonedDateTime limit = t.plusYears(HORIZON_YEARS);
        while (t.isBefore(limit)) {
            if (!months.get(t.getMonthValue())) {
                t = t.plusMonths(1).withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS);
            } else if (!dayMatches(t)) {
                t = t.plusDays(1).truncatedTo(ChronoUnit.DAYS);
            } else if (!hours.get(t.getHour())) {
                t = t.plusHours(1).truncatedTo(ChronoUnit.HOURS);
            } else if (!minutes.get(t.getMinute())) {
                t = t.plusMinutes(1);
            } else {
                return t.toInstant();
            }
        }
        return null;
    }

    private boolean dayMatches(ZonedDateTime t) {
        boolean dom = daysOfMonth.get(t.getDayOfMonth());
        boolean dow = daysOfWeek.get(t.getDayOfWeek().getValue() % 7);
        if (anyDayOfMonth && anyDayOfWeek) {
            return true;
        }
        if (anyDayOfMonth) {
            return dow;
        }
        if (anyDayOfWeek) {
            return dom;
        }
        return dom || dow;
    }

    private static BitSet field(String spec, int min, int max, String[] names, String what) {
        BitSet bits = new BitSet(max + 1);
        for (String item : spec.split(",")) {
            int step = 1;
            String range = item;
            int slash = item.indexOf('/');
            if (slash >= 0) {
                step = number(item.substring(slash + 1), 1, max, null, what, spec);
                range = item.substring(0, slash);
            }
            int from;
            int to;
            if (range.equals("*") || range.equals("?")) {
                from = min;
                to = max;
            } else if (range.contains("-")) {
                String[] ends = range.split("-", 2);
                from = number(ends[0], min, max, names, what, spec);
                to = number(ends[1], min, max, names, what, spec);
            } else {
                from = number(range, min, max, names, what, spec);
                to = slash >= 0 ? max : from;
            }
            if (from > to) {
                throw new InvalidJobException("cron", what + " range '" + range + "' runs backwards");
            }
            for (int v = from; v <= to; v += step) {
                bits.set(v);
            }
        }
        return bits;
    }

    private static int number(String s, int min, int max, String[] names, String what, String spec) {
        if (names != null) {
            for (int i = 0; i < names.length; i++) {
                if (names[i].equals(s)) {
                    return names == MONTHS ? i + 1 : i;
                }
            }
        }
        try {
            int v = Integer.parseInt(s);
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidJobException("cron", what + " '" + spec + "': '" + s + "' is not a value from " + min + " to "
                + max);
    }

    @Override
    public String toString() {
        return text;
    }
}
