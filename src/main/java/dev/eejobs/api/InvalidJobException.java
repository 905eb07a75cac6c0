package dev.eejobs.api;

/**
 * Input was refused before anything was stored: an unknown job type, an argument that does not
 * fit the job's argument type, an oversized payload or an invalid option.
 */
public class InvalidJobException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String field;
    private final String reason;

    /**
     * @param field the name of the offending field or option
     * @param reason why it was refused, readable on its own
     */
    public InvalidJobException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
        this.reason = reason;
    }

    /** @return the name of the offending field or option */
    public String field() {
        return field;
    }

    /** @return why it was refused */
    public String reason() {
        return reason;
    }
}
