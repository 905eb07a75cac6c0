package dev.eejobs.engine;

import java.time.Instant;
import java.util.List;

/**
 * A snapshot of one node's engine, for health checks and gauges.
 *
 * @param migrated whether the schema migrations have been applied (or were skipped by
 *     {@code jobs.migrate=false})
 * @param running whether the engine runs and is not draining
 * @param draining whether shutdown has begun
 * @param loops every engine loop: fetchers, workers, heartbeat, reaper, firer, pruner
 * @param queues workers per queue and how many are busy right now
 * @param problem why the engine is not (fully) running, or null
 */
public record EngineStatus(boolean migrated, boolean running, boolean draining, List<Loop> loops, List<Queue> queues,
        String problem) {

    /**
     * @param name e.g. {@code fetch-default}, {@code work-default-3}, {@code reap}
     * @param alive whether its task is running
     * @param lastPass when it last finished a pass, or null before its first
     * @param restartAt when a dead loop is due to be restarted, or null
     */
    public record Loop(String name, boolean alive, Instant lastPass, Instant restartAt) {}

    /**
     * @param name the queue
     * @param workers workers this node runs for it
     * @param busy workers running a job right now
     */
    public record Queue(String name, int workers, int busy) {}

    /** @return the status of a node whose engine is not running (not started yet, or it could not start) */
    static EngineStatus stopped(boolean migrated, String problem) {
        return new EngineStatus(migrated, false, false, List.of(), List.of(), problem);
    }

    /** @return this snapshot with the supervisor's account of what keeps the engine from running */
    EngineStatus withProblem(String why) {
        return new EngineStatus(migrated, running, draining, loops, queues, why);
    }
}
