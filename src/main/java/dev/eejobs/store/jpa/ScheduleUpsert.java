package dev.eejobs.store.jpa;

import dev.eejobs.api.ScheduleSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import javax.sql.DataSource;

/**
 * Creates or replaces a schedule in one statement, in each database's own upsert, and tells
 * which of the two happened: of concurrent declarations of one new name exactly one creates it,
 * and none fails on the primary key. Replacing a schedule that ticks the same way keeps its
 * stored next tick (the statement compares the stored ticks with the new ones). A replacement
 * never touches {@code paused}: a schedule an operator paused stays paused when the application
 * declares it again at its next start.
 */
final class ScheduleUpsert {

    private static final String COLUMNS = "(name, job_type, argument_json, interval_ms, cron, time_zone, next_fire_at,"
            + " overlap)";

    /**
     * PostgreSQL: a row inserted by this statement has no deleting transaction, so xmax = 0. The
     * cast types the interval's parameter, which is null for a cron schedule.
     */
    private static final String POSTGRESQL = "INSERT INTO eejobs_schedule AS s " + COLUMNS
            + " VALUES (?, ?, ?, CAST(? AS bigint), ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET"
            + " next_fire_at = CASE WHEN s.interval_ms IS NOT DISTINCT FROM EXCLUDED.interval_ms"
            + " AND s.cron IS NOT DISTINCT FROM EXCLUDED.cron AND s.time_zone IS NOT DISTINCT FROM EXCLUDED.time_zone"
            + " THEN s.next_fire_at ELSE EXCLUDED.next_fire_at END,"
            + " job_type = EXCLUDED.job_type, argument_json = EXCLUDED.argument_json,"
            + " interval_ms = EXCLUDED.interval_ms, cron = EXCLUDED.cron, time_zone = EXCLUDED.time_zone,"
            + " overlap = EXCLUDED.overlap RETURNING (xmax = 0)";

    /**
     * MariaDB: the update clause runs only for an existing row and marks that in a session
     * variable; its affected-row count cannot tell an insert from an update that changed nothing.
     * Assignments run left to right, so next_fire_at is decided before the tick columns change.
     * The marker stands alone in its own assignment: inside the tick comparison MariaDB evaluated
     * it for inserts too.
     */
    private static final String MARIADB = "INSERT INTO eejobs_schedule " + COLUMNS
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE"
            + " next_fire_at = IF(interval_ms <=> VALUES(interval_ms) AND cron <=> VALUES(cron)"
            + " AND time_zone <=> VALUES(time_zone), next_fire_at, VALUES(next_fire_at)),"
            + " job_type = IF((@eejobs_schedule_existed := 1) = 1, VALUES(job_type), job_type),"
            + " argument_json = VALUES(argument_json),"
            + " interval_ms = VALUES(interval_ms), cron = VALUES(cron), time_zone = VALUES(time_zone),"
            + " overlap = VALUES(overlap)";

    /** H2: OLD TABLE holds the rows as they were before the MERGE, so none means it inserted. */
    private static final String H2 = "SELECT COUNT(*) FROM OLD TABLE (MERGE INTO eejobs_schedule s USING (VALUES"
            + " (CAST(? AS VARCHAR(200)), CAST(? AS VARCHAR(200)), CAST(? AS VARCHAR(1048576)), CAST(? AS BIGINT),"
            + " CAST(? AS VARCHAR(200)), CAST(? AS VARCHAR(64)), CAST(? AS TIMESTAMP(6) WITH TIME ZONE),"
            + " CAST(? AS VARCHAR(10))))"
            + " v(name, job_type, argument_json, interval_ms, cron, time_zone, next_fire_at, overlap) ON s.name = v.name"
            + " WHEN MATCHED THEN UPDATE SET next_fire_at = CASE WHEN s.interval_ms IS NOT DISTINCT FROM v.interval_ms"
            + " AND s.cron IS NOT DISTINCT FROM v.cron AND s.time_zone IS NOT DISTINCT FROM v.time_zone"
            + " THEN s.next_fire_at ELSE v.next_fire_at END, job_type = v.job_type, argument_json = v.argument_json,"
            + " interval_ms = v.interval_ms, cron = v.cron, time_zone = v.time_zone, overlap = v.overlap"
            + " WHEN NOT MATCHED THEN INSERT " + COLUMNS + " VALUES (v.name, v.job_type, v.argument_json,"
            + " v.interval_ms, v.cron, v.time_zone, v.next_fire_at, v.overlap))";

    /** H2's SQLSTATE for a unique-key violation. */
    private static final String DUPLICATE_KEY = "23505";

    private ScheduleUpsert() {}

    /**
     * Runs on a connection of the caller's transaction (plain JDBC: MariaDB's statements must share
     * one session, and a failed JPA query would mark the caller's transaction for rollback).
     *
     * @return whether the schedule was created (false: an existing one was replaced)
     */
    static boolean save(SqlDialect dialect, DataSource dataSource, ScheduleSpec schedule) {
        try (Connection c = dataSource.getConnection()) {
            return switch (dialect) {
                case POSTGRESQL -> {
                    try (PreparedStatement s = bind(c.prepareStatement(POSTGRESQL), schedule);
                            ResultSet rs = s.executeQuery()) {
                        rs.next();
                        yield rs.getBoolean(1);
                    }
                }
                case MARIADB -> {
                    try (Statement s = c.createStatement()) {
                        s.execute("SET @eejobs_schedule_existed = 0");
                    }
                    try (PreparedStatement s = bind(c.prepareStatement(MARIADB), schedule)) {
                        s.executeUpdate();
                    }
                    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT @eejobs_schedule_existed")) {
                        rs.next();
                        yield rs.getLong(1) == 0;
                    }
                }
                default -> mergeH2(c, schedule);
            };
        } catch (SQLException e) {
            throw new IllegalStateException("jobs database: " + e.getMessage(), e);
        }
    }

    private static PreparedStatement bind(PreparedStatement s, ScheduleSpec schedule) throws SQLException {
        s.setString(1, schedule.name());
        s.setString(2, schedule.type());
        s.setString(3, schedule.argumentJson());
        if (schedule.cron() == null) {
            s.setLong(4, schedule.intervalMillis());
        } else {
            s.setNull(4, Types.BIGINT);
        }
        s.setString(5, schedule.cron());
        s.setString(6, schedule.zone());
        s.setObject(7, Utc.of(schedule.nextFireAt()));
        s.setString(8, schedule.overlap().text());
        return s;
    }

    /**
     * H2's MERGE is not atomic against a concurrent insert of the same name: the loser gets a
     * duplicate key, which H2 undoes as one statement without failing the transaction, so merging
     * once more finds the winner's row and replaces it.
     */
    private static boolean mergeH2(Connection c, ScheduleSpec schedule) throws SQLException {
        try {
            return mergeOnce(c, schedule);
        } catch (SQLException e) {
            if (!DUPLICATE_KEY.equals(e.getSQLState())) {
                throw e;
            }
            return mergeOnce(c, schedule);
        }
    }

    private static boolean mergeOnce(Connection c, ScheduleSpec schedule) throws SQLException {
        try (PreparedStatement s = bind(c.prepareStatement(H2), schedule); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1) == 0;
        }
    }
}
