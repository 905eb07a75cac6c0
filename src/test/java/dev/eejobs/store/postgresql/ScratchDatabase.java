package dev.eejobs.store.postgresql;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;

/** A database of a test's own on the machine's PostgreSQL, created afresh with the jobs schema. */
final class ScratchDatabase {

    private static final String URL = "jdbc:postgresql://127.0.0.1:5432/";

    private ScratchDatabase() {}

    /** @return a connection to the database {@code name}, dropped and migrated first */
    static Connection fresh(String name) throws SQLException {
        try (Connection admin = DriverManager.getConnection(URL + "postgres", "postgres", "");
                Statement s = admin.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + name);
        }
        Flyway.configure().dataSource(URL + name, "postgres", "").locations("classpath:db/eejobs/postgresql")
                .table("eejobs_schema_history").load().migrate();
        return DriverManager.getConnection(URL + name, "postgres", "");
    }
}
