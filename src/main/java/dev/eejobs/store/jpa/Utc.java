package dev.eejobs.store.jpa;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Instants cross into JPA as UTC {@link OffsetDateTime}: a type JPA 3.1 maps natively to
 * {@code timestamp with time zone}, so no JVM or session time zone ever enters the comparison.
 */
public final class Utc {

    private Utc() {}

    public static OffsetDateTime of(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    public static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
