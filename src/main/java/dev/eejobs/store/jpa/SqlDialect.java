package dev.eejobs.store.jpa;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Locale;

/**
 * What differs between the databases we support: only how due jobs are picked for a claim.
 * Where the database has {@code FOR UPDATE SKIP LOCKED} concurrent claimers skip each other's rows
 * instead of queuing on them; elsewhere the claim's conditional update decides who wins a row.
 */
enum SqlDialect {
    POSTGRESQL(true),
    MARIADB(true),
    H2(false),
    OTHER(false);

    private final boolean skipLocked;

    SqlDialect(boolean skipLocked) {
        this.skipLocked = skipLocked;
    }

    static SqlDialect of(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (product.contains("postgres")) {
            return POSTGRESQL;
        }
        if (product.contains("mariadb") || product.contains("mysql")) {
            return MARIADB;
        }
        return product.contains("h2") ? H2 : OTHER;
    }

    /**
     * The database's current time as seconds since the epoch (a number, so no session time zone
     * and no driver's date mapping enters it): leases are timed by this one clock, shared by all
     * nodes, instead of by each node's own.
     */
    String currentEpochSeconds() {
        return switch (this) {
            case POSTGRESQL -> "SELECT EXTRACT(EPOCH FROM clock_timestamp())";
            case MARIADB -> "SELECT UNIX_TIMESTAMP(NOW(6))";
            case H2, OTHER -> "SELECT EXTRACT(EPOCH FROM CURRENT_TIMESTAMP(6))";
        };
    }

    /**
     * Selects the ids and heartbeat intervals of due jobs of a queue that is not paused.
     * Parameters: queue, queue again (the pause), now, the type names, then the limit.
     */
    String candidates(int typeCount) {
        String types = String.join(", ", Collections.nCopies(typeCount, "?"));
        String select = "SELECT id, heartbeat_ms FROM eejobs_job WHERE queue_name = ? " + JobColumns.NOT_PAUSED
                + " AND status = 'QUEUED' AND run_at <= ? AND job_type IN (" + types + ")"
                + " ORDER BY priority DESC, run_at, id";
        return skipLocked
                ? select + " LIMIT ? FOR UPDATE SKIP LOCKED"
                : select + " FETCH FIRST ? ROWS ONLY";
    }
}
