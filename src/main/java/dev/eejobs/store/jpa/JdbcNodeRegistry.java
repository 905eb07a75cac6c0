package dev.eejobs.store.jpa;

import dev.eejobs.store.NodeRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link NodeRegistry} in plain JDBC on the jobs datasource, outside any caller's transaction: a
 * node's registration must never join (or fail) an application's work. The row is replaced by an
 * update, or inserted when there is none; two passes of one node never run at once (the
 * supervisor's watchdog calls it), so the insert cannot race with another insert of the same name.
 */
@ApplicationScoped
public class JdbcNodeRegistry implements NodeRegistry {

    /** Longest text the {@code queues} column holds; a node with more queues lists the first ones. */
    static final int QUEUES_MAX = 4000;

    @Inject
    JobsPersistence persistence;

    @Override
    @Transactional(TxType.NOT_SUPPORTED)
    public void renew(Node node) {
        String queues = QueueLoads.format(node.queues(), QUEUES_MAX);
        try (Connection c = persistence.dataSource().getConnection()) {
            int updated;
            try (PreparedStatement s = c.prepareStatement("UPDATE eejobs_node SET version = ?, queues = ?,"
                    + " workers = ?, busy = ?, started_at = ?, heartbeat_at = ?, draining = ? WHERE name = ?")) {
                bind(s, node, queues);
                s.setString(8, node.name());
                updated = s.executeUpdate();
            }
            if (updated == 0) {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO eejobs_node (version, queues, workers,"
                        + " busy, started_at, heartbeat_at, draining, name) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                    bind(s, node, queues);
                    s.setString(8, node.name());
                    s.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("jobs database: cannot register node " + node.name() + ": "
                    + e.getMessage(), e);
        }
    }

    private static void bind(PreparedStatement s, Node node, String queues) throws SQLException {
        s.setString(1, node.version().length() > 50 ? node.version().substring(0, 50) : node.version());
        s.setString(2, queues);
        s.setInt(3, node.workers());
        s.setInt(4, node.busy());
        s.setObject(5, Utc.of(node.startedAt()));
        s.setObject(6, Utc.of(node.heartbeatAt()));
        s.setBoolean(7, node.draining());
    }

    @Override
    @Transactional(TxType.NOT_SUPPORTED)
    public void remove(String name) {
        update("DELETE FROM eejobs_node WHERE name = ?", name);
    }

    @Override
    @Transactional(TxType.NOT_SUPPORTED)
    public int prune(Instant heartbeatBefore) {
        return update("DELETE FROM eejobs_node WHERE heartbeat_at < ?", Utc.of(heartbeatBefore));
    }

    private int update(String sql, Object parameter) {
        try (Connection c = persistence.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, parameter);
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("jobs database: cannot update the node registry: " + e.getMessage(), e);
        }
    }

    @Override
    @Transactional(TxType.NOT_SUPPORTED)
    public List<Node> nodes() {
        List<Node> nodes = new ArrayList<>();
        try (Connection c = persistence.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT name, version, queues, workers, busy, started_at,"
                        + " heartbeat_at, draining FROM eejobs_node ORDER BY name");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                nodes.add(new Node(rs.getString(1), rs.getString(2), QueueLoads.parse(rs.getString(3)), rs.getInt(4),
                        rs.getInt(5), instant(rs, 6), instant(rs, 7), rs.getBoolean(8)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("jobs database: cannot read the node registry: " + e.getMessage(), e);
        }
        return nodes;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return Utc.instant(rs.getObject(column, OffsetDateTime.class));
    }
}
