package dev.eejobs.store.jpa;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Applies the versioned migrations shipped in the jar ({@code db/eejobs/<vendor>}) with Flyway,
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
                .locations("classpath:db/eejobs/{vendor}")
                .table(HISTORY_TABLE)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }
}
