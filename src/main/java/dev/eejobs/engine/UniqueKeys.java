package dev.eejobs.engine;

import dev.eejobs.api.BackgroundJob;
import dev.eejobs.api.JobOptions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * A job's unique key and dedup period, from the call's options over the type's declaration: a
 * fixed key, or {@link BackgroundJob#ARGUMENT_KEY} for the argument's canonical JSON (its SHA-256
 * when longer than a key may be).
 */
final class UniqueKeys {

    private UniqueKeys() {}

    /** @return the key, or null for a job that is not unique */
    static String of(RegisteredJobType type, JobOptions options, String argumentJson) {
        if (options.uniqueKey().isPresent()) {
            return options.uniqueKey().get();
        }
        String declared = type.uniqueKey();
        if (declared == null) {
            return null;
        }
        if (!declared.equals(BackgroundJob.ARGUMENT_KEY)) {
            return declared;
        }
        return argumentJson.length() <= JobOptions.MAX_UNIQUE_KEY_LENGTH ? argumentJson : "sha256:" + sha256(argumentJson);
    }

    /** @return the oldest finish of a SUCCEEDED job that still deduplicates, or null when only active jobs do */
    static Instant succeededSince(RegisteredJobType type, JobOptions options, Instant now) {
        Duration period = options.uniqueFor().orElse(type.uniqueFor());
        return period == null || period.isZero() ? null : now.minus(period);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
