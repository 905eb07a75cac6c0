package dev.eejobs.bench;

/**
 * The benchmark job's argument.
 *
 * @param run which scenario enqueued it
 * @param enqueuedNanos {@link System#nanoTime()} just before the enqueue call, 0 when preloaded
 */
public record Tick(String run, long enqueuedNanos) {}
