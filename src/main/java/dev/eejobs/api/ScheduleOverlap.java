package dev.eejobs.api;

import java.util.Locale;

/**
 * What a recurring schedule does at a tick while the job of its previous tick has not finished
 * (is still WAITING, QUEUED or RUNNING).
 */
public enum ScheduleOverlap {
    /** The tick is skipped (and counted): the schedule moves on to its next tick. The default. */
    SKIP,
    /** The tick fires regardless: jobs of several ticks may run at once. */
    ALLOW;

    /** @return the stored and JSON form: {@code skip} or {@code allow} */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param field the field to name in an error
     * @param text {@code skip} or {@code allow}, in any case
     * @return the policy
     * @throws InvalidJobException naming {@code field} for any other text
     */
    public static ScheduleOverlap parse(String field, String text) {
        if (text != null) {
            for (ScheduleOverlap overlap : values()) {
                if (overlap.text().equalsIgnoreCase(text.trim())) {
                    return overlap;
                }
            }
        }
        throw new InvalidJobException(field, "must be skip or allow, was " + DurationText.quoted(text));
    }
}
