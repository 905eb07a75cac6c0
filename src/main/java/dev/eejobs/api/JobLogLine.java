package dev.eejobs.api;

import java.time.Instant;

/**
 * A line a job wrote with {@link JobContext#log(String)}.
 *
 * @param attempt the attempt that wrote it
 * @param at when it was written, by the running node's clock
 * @param message the line, at most {@value JobContext#MAX_MESSAGE} characters
 */
public record JobLogLine(int attempt, Instant at, String message) {}
