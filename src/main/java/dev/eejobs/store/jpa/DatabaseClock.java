package dev.eejobs.store.jpa;

import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Reads the database's clock, the one clock every lease is timed by: a lease is stamped and
 * found expired by the same clock, so skew between nodes never shortens another node's lease.
 */
final class DatabaseClock {

    private DatabaseClock() {}

    static Instant now(EntityManager em, SqlDialect dialect) {
        return instant(em.createNativeQuery(dialect.currentEpochSeconds()).getSingleResult());
    }

    static Instant now(Connection c, SqlDialect dialect) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(dialect.currentEpochSeconds());
                ResultSet rs = s.executeQuery()) {
            rs.next();
            return instant(rs.getBigDecimal(1));
        }
    }

    private static Instant instant(Object epochSeconds) {
        BigDecimal seconds = epochSeconds instanceof BigDecimal b ? b : new BigDecimal(epochSeconds.toString());
        return Instant.EPOCH.plus(seconds.movePointRight(6).longValue(), ChronoUnit.MICROS);
    }
}
