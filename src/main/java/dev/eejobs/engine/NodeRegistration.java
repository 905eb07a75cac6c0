package dev.eejobs.engine;

import dev.eejobs.store.NodeRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps this node's row in the node registry: renewed every heartbeat interval by the supervisor's
 * watchdog (a pass a second, so no engine loop and no thread of its own), marked draining when the
 * node stops and removed once it drained. Rows of nodes that died are deleted by any live node
 * once their heartbeat is {@link #PRUNE_AFTER} old. A database that is down only delays the next
 * renewal; the failure is logged at most once a minute.
 */
final class NodeRegistration {

    /** Rows whose heartbeat is this old are deleted; until then the dashboard shows them as gone. */
    static final Duration PRUNE_AFTER = Duration.ofHours(1);

    private static final Logger LOG = Logger.getLogger(NodeRegistration.class.getName());
    private static final long LOG_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final NodeRegistry registry;
    private final Clock clock;
    private final Duration interval;
    private final String version;
    private Instant nextRenewal = Instant.MIN;
    private Instant nextPrune = Instant.MIN;
    private long lastLogNanos = System.nanoTime() - LOG_EVERY_NANOS;

    NodeRegistration(NodeRegistry registry, Clock clock, Duration interval) {
        this.registry = registry;
        this.clock = clock;
        this.interval = interval;
        String v = NodeRegistration.class.getPackage().getImplementationVersion();
        this.version = v == null ? "unknown" : v;
    }

    /** @return the module's version as the jar's manifest states it */
    String version() {
        return version;
    }

    /** Renews the row if a heartbeat interval has passed since the last renewal. */
    synchronized void renewIfDue(String node, Instant startedAt, EngineStatus status) {
        Instant now = clock.instant();
        if (now.isBefore(nextRenewal)) {
            return;
        }
        if (renew(node, startedAt, status, status.draining())) {
            nextRenewal = now.plus(interval);
        }
        if (!now.isBefore(nextPrune)) {
            try {
                registry.prune(now.minus(PRUNE_AFTER));
                nextPrune = now.plus(pruneEvery());
            } catch (RuntimeException e) {
                logThrottled("could not prune the node registry", e);
            }
        }
    }

    /** Ten heartbeats, at most a minute: rows of dead nodes go soon after their hour is up. */
    private Duration pruneEvery() {
        Duration ten = interval.multipliedBy(10);
        return ten.compareTo(Duration.ofMinutes(1)) < 0 ? ten : Duration.ofMinutes(1);
    }

    /** Marks the row draining at once, before the drain (which may last the shutdown grace). */
    synchronized void draining(String node, Instant startedAt, EngineStatus status) {
        renew(node, startedAt, status, true);
    }

    /** Removes the row of a node that drained. */
    synchronized void leave(String node) {
        try {
            registry.remove(node);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not remove node " + node + " from the node registry; it shows as gone"
                    + " until pruned", e);
        }
    }

    private boolean renew(String node, Instant startedAt, EngineStatus status, boolean draining) {
        List<NodeRegistry.QueueLoad> queues = status.queues().stream()
                .map(q -> new NodeRegistry.QueueLoad(q.name(), q.workers(), q.busy())).toList();
        int workers = queues.stream().mapToInt(NodeRegistry.QueueLoad::workers).sum();
        int busy = queues.stream().mapToInt(NodeRegistry.QueueLoad::busy).sum();
        try {
            registry.renew(new NodeRegistry.Node(node, version, queues, workers, busy, startedAt, clock.instant(),
                    draining));
            return true;
        } catch (RuntimeException e) {
            logThrottled("could not renew node " + node + " in the node registry", e);
            return false;
        }
    }

    private void logThrottled(String what, RuntimeException e) {
        long now = System.nanoTime();
        if (now - lastLogNanos >= LOG_EVERY_NANOS) {
            lastLogNanos = now;
            LOG.log(Level.WARNING, what + ": " + e.getMessage());
        }
    }
}
