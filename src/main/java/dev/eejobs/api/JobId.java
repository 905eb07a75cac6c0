package dev.eejobs.api;

/**
 * The identity of a stored job, returned by every enqueue.
 *
 * @param value the database key
 */
public record JobId(long value) {

    /**
     * Reads an id from its text form.
     *
     * @param text the decimal form produced by {@link #toString()}
     * @return the id
     * @throws InvalidJobException if the text is not a positive decimal number
     */
    public static JobId parse(String text) {
        try {
            long value = Long.parseLong(text);
            if (value > 0) {
                return new JobId(value);
            }
        } catch (NumberFormatException | NullPointerException e) {
            // reported below
        }
        throw new InvalidJobException("id", "must be a positive whole number, was " + DurationText.quoted(text));
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
