package dev.eejobs.engine;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Schedules declared from Java ({@link dev.eejobs.api.JobQueue#every}, {@link
 * dev.eejobs.api.JobQueue#cron}) while the jobs database was out of reach: kept by name and
 * stored once it is back, by the engine's watchdog. Applications declare their schedules at
 * startup; a server that boots while the database is restarting would otherwise fail the
 * application's startup hook, and with it the deployment, though the engine itself waits for the
 * database and starts when it returns. A declaration is idempotent (create or replace), so
 * storing it later is storing it; the last declaration of a name wins. Anything else — an invalid
 * name, interval or expression, an argument the job cannot read — is still refused at the call.
 */
@ApplicationScoped
class PendingSchedules {

    private static final Logger LOG = Logger.getLogger(PendingSchedules.class.getName());

    private final Map<String, Runnable> pending = new ConcurrentHashMap<>();

    /** Stores a declaration now, or keeps it if the database is out of reach. */
    void declare(String name, Runnable save) {
        try {
            save.run();
            pending.remove(name);
        } catch (RuntimeException e) {
            if (!DatabaseUnreachable.causes(e)) {
                throw e;
            }
            pending.put(name, save);
            LOG.warning(() -> "eejobs: schedule '" + name + "' is declared but not stored yet: the jobs database is"
                    + " not reachable; it is stored as soon as the database is back");
        }
    }

    /** Stores what was kept; a declaration that fails again stays for the next call. */
    void storeAll() {
        pending.forEach((name, save) -> {
            try {
                save.run();
                pending.remove(name, save);
                LOG.info(() -> "eejobs: schedule '" + name + "', declared while the jobs database was not reachable,"
                        + " is stored now");
            } catch (RuntimeException e) {
                if (!DatabaseUnreachable.causes(e)) {
                    pending.remove(name, save);
                    LOG.severe(() -> "eejobs: schedule '" + name + "' could not be stored and is dropped: " + e);
                }
            }
        });
    }

    /** @return how many declarations wait for the database */
    int count() {
        return pending.size();
    }
}
