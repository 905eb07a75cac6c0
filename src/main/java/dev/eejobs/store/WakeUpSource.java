package dev.eejobs.store;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

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

    /**
     * Waits up to {@code max} for notifications, reporting the queue of each new-jobs one and the
     * id of each job an operator asked to cancel (the running node then stops it at once rather
     * than at its next heartbeat).
     *
     * @throws Exception if the connection broke; the caller reconnects by asking the store again
     */
    default void await(Duration max, Consumer<String> queueWithNewJobs, LongConsumer cancelRequested)
            throws Exception {
        await(max, queueWithNewJobs);
    }

    @Override
    void close();
}
