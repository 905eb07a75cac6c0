package dev.eejobs.api;

import java.time.Duration;
import java.time.Instant;

/**
 * One finished attempt of a job, as kept in its history ({@link JobQueue#attempts(JobId)}).
 * Attempts handed back without counting (shutdown, a node that lost its lease for sure) are not
 * part of the history; the next attempt runs under the same number.
 *
 * @param attempt the attempt's number, starting at 1 (a retried DEAD job starts again at 1)
 * @param node the node that ran it
 * @param startedAt when it started
 * @param finishedAt when its outcome was written (for {@link AttemptOutcome#LEASE_EXPIRED}: when
 *     the lease was taken back)
 * @param outcome how it ended
 * @param error the failure's message, or null
 * @param trace the failure's exception chain with the top of each stack, at most
 *     {@value #MAX_TRACE} characters, or null
 * @param duration from start to finish
 */
public record JobAttempt(int attempt, String node, Instant startedAt, Instant finishedAt, AttemptOutcome outcome,
        String error, String trace, Duration duration) {

    /** Longest error message or trace kept. */
    public static final int MAX_TRACE = 4_000;
}
