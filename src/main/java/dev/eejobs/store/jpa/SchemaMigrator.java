package dev.eejobs.store.jpa;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Applies the versioned migrations shipped in the jar ({@code db/eejobs/<database>}) with Flyway,
 * which takes a database lock so nodes starting together migrate once. The history table is our
 * own, so an application's own Flyway setup is untouched; a non-empty schema is fine.
 */
@ApplicationScoped
public class SchemaMigrator {

    /** The history table of the module's migrations. */
    static final String HISTORY_TABLE = "eejobs_schema_history";

    @Resource(lookup = "java:comp/DefaultDataSource")
    DataSource dataSource;

    /** Brings the schema up to date. */
    public void migrate() {
        Flyway.configure(SchemaMigrator.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/eejobs/" + folder())
                .table(HISTORY_TABLE)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }

    /** Flyway has no per-database folders of its own, so the folder is picked from the product name. */
    private String folder() {
        try (Connection c = dataSource.getConnection()) {
            return switch (SqlDialect.of(c)) {
                case POSTGRESQL -> "postgresql";
                case MARIADB -> "mariadb";
                case H2 -> "h2";
                case OTHER -> throw new IllegalStateException("eejobs has no schema for "
                        + c.getMetaData().getDatabaseProductName() + "; supported: PostgreSQL, MariaDB, H2");
            };
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the jobs database to migrate it", e);
        }
    }
}
