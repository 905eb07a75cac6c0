package dev.eejobs.engine;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Tells a failure caused by the database being out of reach (down, restarting, refusing
 * connections, the pool unable to hand one out) from any other, by its causes: the persistence
 * provider and the server's pool each wrap the driver's exception, differently on every server,
 * so the whole chain is read. Such a failure is the service's state, not the request's fault nor
 * a bug: the API answers it with 503 and a Retry-After rather than a 500 incident, and a schedule
 * declared from Java is kept until the database is back.
 */
final class DatabaseUnreachable {

    /** SQLSTATE class 08: connection exception (refused, broken, closed) — every driver. */
    private static final String CONNECTION_CLASS = "08";

    /** PostgreSQL: shut down by an administrator, crash shutdown, cannot connect now; too many connections. */
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300");

    /**
     * The application server's pool could not hand out a connection (Payara's and GlassFish's
     * connector layer; WildFly's reports the driver's exception as a cause).
     */
    private static final Set<String> POOL_FAILURES = Set.of(
            "jakarta.resource.spi.ResourceAllocationException",
            "com.sun.appserv.connectors.internal.api.PoolingException");

    private DatabaseUnreachable() {
    }

    /** @return whether the database being out of reach is among the causes of {@code failure} */
    static boolean causes(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (unreachable(t)) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getNextException() != null && causes(sql.getNextException())) {
                return true;
            }
        }
        return false;
    }

    private static boolean unreachable(Throwable t) {
        if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                || t instanceof ConnectException || POOL_FAILURES.contains(t.getClass().getName())) {
            return true;
        }
        if (t instanceof SQLException sql && sql.getSQLState() != null) {
            String state = sql.getSQLState();
            return state.startsWith(CONNECTION_CLASS) || UNAVAILABLE_STATES.contains(state);
        }
        return false;
    }
}
