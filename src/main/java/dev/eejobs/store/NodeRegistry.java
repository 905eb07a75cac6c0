package dev.eejobs.store;

import java.time.Instant;
import java.util.List;

/**
 * The nodes working this database: one row per running engine ({@code eejobs_node}), written by
 * the node itself with its heartbeat and read by the dashboard. A node that stops cleanly removes
 * its row; one that dies leaves it behind, to be shown as gone and pruned later.
 */
public interface NodeRegistry {

    /**
     * One node as it last reported itself.
     *
     * @param name the engine's node name (the lease owner it writes on the jobs it claims)
     * @param version the module's version on that node
     * @param queues the queues it works, with workers and busy workers each
     * @param workers workers over all queues
     * @param busy of those, the ones running a job at the heartbeat
     * @param startedAt when its engine started, by its own clock
     * @param heartbeatAt its last renewal, by its own clock
     * @param draining whether it is shutting down
     */
    record Node(String name, String version, List<QueueLoad> queues, int workers, int busy, Instant startedAt,
            Instant heartbeatAt, boolean draining) {

        public Node {
            queues = List.copyOf(queues);
        }
    }

    /**
     * @param name a queue
     * @param workers the node's workers on it
     * @param busy of those, the ones running a job
     */
    record QueueLoad(String name, int workers, int busy) {}

    /**
     * Creates or replaces the node's row.
     *
     * @param node what the node reports now
     */
    void renew(Node node);

    /** @param name a node that stopped */
    void remove(String name);

    /** @return every registered node, by name */
    List<Node> nodes();

    /**
     * @param heartbeatBefore rows whose last heartbeat is older than this go
     * @return how many rows were deleted
     */
    int prune(Instant heartbeatBefore);
}
