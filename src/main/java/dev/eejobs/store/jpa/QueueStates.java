package dev.eejobs.store.jpa;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rows of {@code eejobs_queue_state} in plain JDBC: a queue's pause, read by every claim
 * statement ({@link JobColumns#NOT_PAUSED}). A pause is a compare-and-set on an existing row or the
 * insert of a new one, in a form that does not fail when a concurrent caller inserted it first.
 */
final class QueueStates {

    private QueueStates() {}

    /** @return whether the queue's state changed */
    static boolean set(SqlDialect dialect, Connection c, String queue, boolean paused, Instant now)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE eejobs_queue_state SET paused = ?, changed_at = ?"
                + " WHERE queue_name = ? AND paused <> ?")) {
            s.setBoolean(1, paused);
            s.setObject(2, Utc.of(now));
            s.setString(3, queue);
            s.setBoolean(4, paused);
            if (s.executeUpdate() == 1) {
                return true;
            }
        }
        if (!paused) {
            return false; // no row, or a resumed one: not paused, nothing to do
        }
        String columns = " INTO eejobs_queue_state (queue_name, paused, changed_at)";
        String sql = switch (dialect) {
            case POSTGRESQL -> "INSERT" + columns + " VALUES (?, ?, ?) ON CONFLICT (queue_name) DO NOTHING";
            case MARIADB -> "INSERT IGNORE" + columns + " VALUES (?, ?, ?)";
            case H2, OTHER -> "INSERT" + columns + " SELECT ?, ?, ? FROM (VALUES 0) AS one WHERE NOT EXISTS"
                    + " (SELECT 1 FROM eejobs_queue_state WHERE queue_name = ?)";
        };
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, queue);
            s.setBoolean(2, true);
            s.setObject(3, Utc.of(now));
            if (dialect == SqlDialect.H2 || dialect == SqlDialect.OTHER) {
                s.setString(4, queue);
            }
            return s.executeUpdate() == 1;
        }
    }

    static Set<String> paused(Connection c) throws SQLException {
        Set<String> queues = new TreeSet<>();
        try (PreparedStatement s = c.prepareStatement("SELECT queue_name FROM eejobs_queue_state WHERE paused = TRUE");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                queues.add(rs.getString(1));
            }
        }
        return queues;
    }
}
