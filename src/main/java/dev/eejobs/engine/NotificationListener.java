package dev.eejobs.engine;

import dev.eejobs.store.JobStore;
import dev.eejobs.store.WakeUpSource;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * Wakes fetchers when any node stores jobs, and stops jobs an operator cancelled at once, through
 * the store's notifications (PostgreSQL LISTEN/NOTIFY). A broken connection surfaces as an exception: the loop logs it, pauses and the
 * next pass opens a new one. Where the store has no notifications this does nothing, and
 * fetchers fall back to local signals and polling.
 */
final class NotificationListener implements EngineLoop.Step {

    private static final Duration WAIT = Duration.ofMillis(500);

    private final JobStore store;
    private final WakeUps wakeUps;
    private final LongConsumer cancelRequested;
    private volatile Optional<WakeUpSource> source;

    NotificationListener(JobStore store, WakeUps wakeUps) {
        this(store, wakeUps, id -> {});
    }

    /** @param cancelRequested told the id of each job an operator asked to cancel */
    NotificationListener(JobStore store, WakeUps wakeUps, LongConsumer cancelRequested) {
        this.store = store;
        this.wakeUps = wakeUps;
        this.cancelRequested = cancelRequested;
    }

    /** @return true while listening (the wait happens inside), false when there is nothing to listen to */
    @Override
    public boolean runOnce() throws Exception {
        Optional<WakeUpSource> current = source;
        if (current == null) {
            current = store.openWakeUpSource();
            source = current;
        }
        if (current.isEmpty()) {
            return false;
        }
        try {
            current.get().await(WAIT, wakeUps::signal, cancelRequested);
            return true;
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    /** Releases the listening connection; the next pass, if any, opens a new one. */
    void close() {
        Optional<WakeUpSource> current = source;
        source = null;
        if (current != null) {
            current.ifPresent(WakeUpSource::close);
        }
    }
}
