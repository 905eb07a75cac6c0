package dev.eejobs.store.postgresql;

import dev.eejobs.store.WakeUpSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * LISTENs on the jobs channel (and the cancel channel) over a connection of its own, held outside any transaction. Loaded
 * only on PostgreSQL, where the driver is on the server's class path.
 */
final class PostgresWakeUpSource implements WakeUpSource {

    /** Separates the queue from the sending node's tag in a payload; queue names cannot contain it. */
    static final char TAG_SEPARATOR = '@';

    private final Connection connection;
    private final PGConnection listener;
    private final String ownTag;

    PostgresWakeUpSource(DataSource dataSource, String ownTag) throws SQLException {
        this.ownTag = ownTag;
        connection = dataSource.getConnection();
        try {
            connection.setAutoCommit(true);
            listener = connection.unwrap(PGConnection.class);
            try (Statement s = connection.createStatement()) {
                s.execute("LISTEN " + PostgresHotPath.CHANNEL);
                s.execute("LISTEN " + PostgresHotPath.CANCEL_CHANNEL);
            }
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    @Override
    public void await(Duration max, Consumer<String> queueWithNewJobs) throws SQLException {
        await(max, queueWithNewJobs, id -> {});
    }

    @Override
    public void await(Duration max, Consumer<String> queueWithNewJobs, LongConsumer cancelRequested)
            throws SQLException {
        PGNotification[] notifications = listener.getNotifications((int) Math.max(1, max.toMillis()));
        if (notifications != null) {
            for (PGNotification n : notifications) {
                String payload = n.getParameter();
                if (PostgresHotPath.CANCEL_CHANNEL.equals(n.getName())) {
                    cancelRequested.accept(Long.parseLong(payload));
                    continue;
                }
                int at = payload.lastIndexOf(TAG_SEPARATOR);
                String queue = at < 0 ? payload : payload.substring(0, at);
                if (at < 0 || !payload.substring(at + 1).equals(ownTag)) {
                    queueWithNewJobs.accept(queue);
                }
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
