package dev.eejobs.web;

import dev.eejobs.engine.JobsAdmin;
import java.util.List;

/**
 * One node as the API shows it.
 *
 * @param name the node's name (as on the leases it takes)
 * @param version the module's version on it
 * @param queues its queues with workers and busy workers
 * @param workers workers over all its queues
 * @param busy of those, busy at its last heartbeat
 * @param idle workers minus busy
 * @param startedAt when its engine started, ISO-8601
 * @param heartbeatAt its last heartbeat, ISO-8601, by its own clock
 * @param draining whether it is shutting down
 * @param gone whether its heartbeat is overdue: it died or lost the database
 * @param self whether it is the node that answered
 */
public record NodeView(String name, String version, List<Queue> queues, int workers, int busy, int idle,
        String startedAt, String heartbeatAt, boolean draining, boolean gone, boolean self) {

    /**
     * @param name the queue
     * @param workers the node's workers on it
     * @param busy of those, busy
     */
    public record Queue(String name, int workers, int busy) {}

    static NodeView of(JobsAdmin.NodeSummary n) {
        return new NodeView(n.name(), n.version(),
                n.queues().stream().map(q -> new Queue(q.name(), q.workers(), q.busy())).toList(), n.workers(),
                n.busy(), Math.max(0, n.workers() - n.busy()), text(n.startedAt()), text(n.heartbeatAt()),
                n.draining(), n.gone(), n.self());
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
