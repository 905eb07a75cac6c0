package dev.eejobs.observability;

import dev.eejobs.engine.EngineStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What makes a node's engine not alive: a loop that died and whose restart is overdue (the
 * watchdog itself is stuck), or a fetcher that has not finished a pass for too long (stuck in the
 * database or the container). A loop that died and is due for restart soon is fine: that is the
 * supervisor doing its job.
 */
final class LivenessRules {

    private LivenessRules() {}

    /**
     * @param status the engine's snapshot
     * @param now the current time
     * @param fetcherStall longest acceptable time since a fetcher's last pass
     * @param restartOverdue how late a dead loop's restart may be
     * @return one line per problem; empty when alive
     */
    static List<String> problems(EngineStatus status, Instant now, Duration fetcherStall, Duration restartOverdue) {
        List<String> problems = new ArrayList<>();
        for (EngineStatus.Loop loop : status.loops()) {
            if (!loop.alive()) {
                if (loop.restartAt() == null) {
                    problems.add(loop.name() + " is dead and no restart is scheduled");
                } else if (loop.restartAt().plus(restartOverdue).isBefore(now)) {
                    problems.add(loop.name() + " is dead; its restart was due at " + loop.restartAt());
                }
            } else if (loop.name().startsWith("fetch-") && loop.lastPass() != null
                    && loop.lastPass().plus(fetcherStall).isBefore(now)) {
                problems.add(loop.name() + " has not finished a pass since " + loop.lastPass());
            }
        }
        return problems;
    }
}
