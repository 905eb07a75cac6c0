package dev.eejobs.store.jpa;

import dev.eejobs.store.WakeUpSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * LISTENs on the jobs channel over a connection of its own, held outside any transaction. Loaded
 * only on PostgreSQL, where the driver is on the server's class path.
 */
final class PostgresWakeUpSource implements WakeUpSource {

    private final Connection connection;
    private final PGConnection listener;

    PostgresWakeUpSource(DataSource dataSource) throws SQLException {
        connection = dataSource.getConnection();
        try {
            connection.setAutoCommit(true);
            listener = connection.unwrap(PGConnection.class);
            try (Statement s = connection.createStatement()) {
                s.execute("LISTEN " + PostgresHotPath.CHANNEL);
            }
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    @Override
    public void await(Duration max, Consumer<String> queueWithNewJobs) throws SQLException {
        PGNotification[] notifications = listener.getNotifications((int) Math.max(1, max.toMillis()));
        if (notifications != null) {
            for (PGNotification n : notifications) {
                queueWithNewJobs.accept(n.getParameter());
            }
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // the connection is gone either way
        }
    }
}
