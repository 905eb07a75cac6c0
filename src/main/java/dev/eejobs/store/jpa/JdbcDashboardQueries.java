package dev.eejobs.store.jpa;

import dev.eejobs.store.DashboardQueries;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@link DashboardQueries} in plain JDBC: one grouped statement per call. Jobs finished in the window
 * are found through the indexes on {@code finished_at} (on PostgreSQL partial ones per final state,
 * elsewhere led by status), so the cost follows the jobs of the last hour, not the table.
 */
@ApplicationScoped
public class JdbcDashboardQueries implements DashboardQueries {

    @Inject
    JobsPersistence persistence;

    @Override
    @Transactional(TxType.NOT_SUPPORTED)
    public List<Minute> finishedPerMinute(Instant since) {
        String minute = switch (persistence.dialect()) {
            case MARIADB -> "FLOOR(UNIX_TIMESTAMP(finished_at) / 60)";
            default -> "FLOOR(EXTRACT(EPOCH FROM finished_at) / 60)";
        };
        // one range condition per state, so each uses its own (partial) index on finished_at
        String sql = "SELECT " + minute + " AS m, status, COUNT(*) FROM eejobs_job"
                + " WHERE (status = 'SUCCEEDED' AND finished_at >= ?) OR (status = 'DEAD' AND finished_at >= ?)"
                + " OR (status = 'CANCELLED' AND finished_at >= ?) GROUP BY " + minute + ", status";
        Map<Long, long[]> counts = new TreeMap<>();
        String failed = "SELECT " + minute + " AS m, COUNT(*) FROM eejobs_attempt"
                + " WHERE outcome IN ('FAILED', 'TIMED_OUT', 'LEASE_EXPIRED') AND finished_at >= ? GROUP BY " + minute;
        try (Connection c = persistence.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 1; i <= 3; i++) {
                s.setObject(i, Utc.of(since));
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long[] byState = counts.computeIfAbsent(rs.getLong(1), m -> new long[4]);
                    int slot = switch (rs.getString(2)) {
                        case "SUCCEEDED" -> 0;
                        case "DEAD" -> 1;
                        default -> 2;
                    };
                    byState[slot] += rs.getLong(3);
                }
            }
            try (PreparedStatement f = c.prepareStatement(failed)) {
                f.setObject(1, Utc.of(since));
                try (ResultSet rs = f.executeQuery()) {
                    while (rs.next()) {
                        counts.computeIfAbsent(rs.getLong(1), m -> new long[4])[3] += rs.getLong(2);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("jobs database: cannot count finished jobs: " + e.getMessage(), e);
        }
        List<Minute> minutes = new ArrayList<>();
        counts.forEach((m, n) -> minutes.add(new Minute(Instant.ofEpochSecond(m * 60), n[0], n[1], n[2], n[3])));
        return minutes;
    }

    @Override
    @Transactional(TxType.NOT_SUPPORTED)
    public List<Child> children(long parentId, int limit) {
        List<Child> children = new ArrayList<>();
        try (Connection c = persistence.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT id, job_type, status FROM eejobs_job WHERE parent_id = ? ORDER BY id")) {
            s.setLong(1, parentId);
            s.setMaxRows(limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    children.add(new Child(rs.getLong(1), rs.getString(2), rs.getString(3)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("jobs database: cannot read continuations: " + e.getMessage(), e);
        }
        return children;
    }
}
