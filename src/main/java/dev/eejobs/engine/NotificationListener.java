package dev.eejobs.engine;

import dev.eejobs.store.JobStore;
import dev.eejobs.store.WakeUpSource;
import java.time.Duration;
import java.util.Optional;

/**
 * Wakes fetchers when any node stores jobs, through the store's notifications (PostgreSQL
 * LISTEN/NOTIFY). A broken connection surfaces as an exception: the loop logs it, pauses and the
 * next pass opens a new one. Where the store has no notifications this does nothing, and
 * fetchers fall back to local signals and polling.
 */
final class NotificationListener implements EngineLoop.Step {

    private static final Duration WAIT = Duration.ofMillis(500);

    private final JobStore store;
    private final WakeUps wakeUps;
    private volatile Optional<WakeUpSource> source;

    NotificationListener(JobStore store, WakeUps wakeUps) {
        this.store = store;
        this.wakeUps = wakeUps;
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
            current.get().await(WAIT, wakeUps::signal);
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
