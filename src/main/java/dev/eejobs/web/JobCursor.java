package dev.eejobs.web;

import dev.eejobs.api.InvalidJobException;
import dev.eejobs.api.JobFilter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * The opaque position in a job listing: the last id shown, bound to the filters it was made
 * with, so a cursor replayed with other filters is refused instead of silently skipping jobs.
 * Keyset, not offset: jobs added or deleted meanwhile never shift a page.
 */
final class JobCursor {

    private static final String VERSION = "1";

    private JobCursor() {}

    static String encode(long lastId, JobFilter filter) {
        String plain = VERSION + "." + lastId + "." + fingerprint(filter);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * @return the id the next page starts below
     * @throws InvalidJobException naming {@code cursor} if it is not one this API made for these filters
     */
    static long decode(String cursor, JobFilter filter) {
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII).split("\\.", -1);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (parts.length != 3 || !parts[0].equals(VERSION)) {
            throw invalid();
        }
        long id;
        try {
            id = Long.parseLong(parts[1]);
        } catch (NumberFormatException e) {
            throw invalid();
        }
        if (id <= 0) {
            throw invalid();
        }
        if (!parts[2].equals(fingerprint(filter))) {
            throw new InvalidJobException("cursor", "was made for other filters; repeat the first request's"
                    + " status, type and queue, or start again without a cursor");
        }
        return id;
    }

    private static InvalidJobException invalid() {
        return new InvalidJobException("cursor", "is not a cursor this API returned; use the 'next' value of a page");
    }

    private static String fingerprint(JobFilter filter) {
        return Integer.toHexString(Objects.hash(filter.state(), filter.type(), filter.queue()));
    }
}
