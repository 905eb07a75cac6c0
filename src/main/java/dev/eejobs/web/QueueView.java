package dev.eejobs.web;

import java.util.Map;

/**
 * One queue as the API shows it: the database's view across the cluster, and this node's workers.
 *
 * @param name the queue
 * @param counts jobs by status, every status present
 * @param oldestQueuedAgeSeconds how long the oldest due QUEUED job has waited, or null if none is due
 * @param workers workers this node runs for the queue
 * @param busy of those, running a job right now
 * @param idle of those, waiting for a job
 * @param paused whether the queue is paused: no node claims its jobs until it is resumed
 */
public record QueueView(String name, Map<String, Long> counts, Double oldestQueuedAgeSeconds, int workers,
        int busy, int idle, boolean paused) {}
