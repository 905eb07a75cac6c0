package dev.eejobs.store.jpa;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * Asks the database for one trivial row, in plain JDBC, with a hard deadline: getting a connection
 * (which may wait on the pool, or on a TCP connect to a host that is gone) and the query run on a
 * thread of their own, and the caller stops waiting at the deadline whatever they do. No ORM sits
 * in between, so no provider's retry loop can stretch the answer. A probe still stuck from an
 * earlier call is left to finish on its own; past a few of them the answer is DOWN at once instead
 * of starting more threads.
 */
final class DatabaseProbe {

    private static final int MAX_STUCK = 4;
    private static final AtomicInteger RUNNING = new AtomicInteger();

    private DatabaseProbe() {}

    /**
     * @throws IllegalStateException saying why, if the database did not answer within the timeout
     */
    static void ping(DataSource ds, Duration timeout) {
        if (RUNNING.incrementAndGet() > MAX_STUCK) {
            RUNNING.decrementAndGet();
            throw new IllegalStateException(MAX_STUCK + " earlier probes are still waiting for the database");
        }
        CompletableFuture<Void> answer = new CompletableFuture<>();
        Thread probe = new Thread(() -> {
            try {
                query(ds, timeout);
                answer.complete(null);
            } catch (Throwable e) {
                answer.completeExceptionally(e);
            } finally {
                RUNNING.decrementAndGet();
            }
        }, "eejobs-database-probe");
        probe.setDaemon(true);
        probe.start();
        try {
            answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("no answer within " + timeout.toMillis() + "ms (jobs.health.database-timeout)");
        } catch (ExecutionException e) {
            throw new IllegalStateException(rootCause(e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the database", e);
        }
    }

    private static void query(DataSource ds, Duration timeout) throws SQLException {
        try (Connection c = ds.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM eejobs_job WHERE id = 0")) {
            s.setQueryTimeout((int) Math.max(1, (timeout.toMillis() + 999) / 1000));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
            }
        }
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
