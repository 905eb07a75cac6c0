package dev.eejobs.store;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Tells this node that jobs were stored by any node, where the database can (PostgreSQL
 * LISTEN/NOTIFY), so fetchers start at once instead of at their next poll.
 */
public interface WakeUpSource extends AutoCloseable {

    /**
     * Waits up to {@code max} for notifications and reports the queue of each.
     *
     * @throws Exception if the connection broke; the caller reconnects by asking the store again
     */
    void await(Duration max, Consumer<String> queueWithNewJobs) throws Exception;

    @Override
    void close();
}
