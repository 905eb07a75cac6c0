package dev.eejobs.store.postgresql;

import java.util.logging.Logger;

/**
 * Whether the PostgreSQL driver's own API ({@code org.postgresql.PGConnection}) is visible to the
 * module. COPY and LISTEN need it; a server that keeps the driver to itself (WildFly, when the
 * driver module is not a dependency of the deployment) leaves batches to multi-row inserts and
 * other nodes' enqueues to polling, which is said once in the log.
 */
final class PostgresDriver {

    private static final Logger LOG = Logger.getLogger(PostgresDriver.class.getName());
    private static final boolean VISIBLE = load();

    private PostgresDriver() {}

    static boolean visible() {
        return VISIBLE;
    }

    private static boolean load() {
        try {
            Class.forName("org.postgresql.PGConnection", false, PostgresDriver.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            LOG.info("eejobs: the PostgreSQL driver's classes are not visible to the application, so big batches"
                    + " are stored with multi-row inserts instead of COPY and other nodes' enqueues are found by"
                    + " polling (jobs.poll-interval) instead of LISTEN/NOTIFY; on WildFly make the driver module a"
                    + " dependency of the deployment to have both");
            return false;
        }
    }
}
