package dev.eejobs.store.jpa;

import dev.eejobs.config.JobsConfig;
import dev.eejobs.store.Schema;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.flywaydb.core.Flyway;

/**
 * Applies the versioned migrations shipped in the jar ({@code db/eejobs/<database>}) with Flyway,
 * which takes a database lock so nodes starting together migrate once. The history table is our
 * own, so an application's own Flyway setup is untouched; a non-empty schema is fine.
 */
@ApplicationScoped
class SchemaMigrator implements Schema {

    /** The history table of the module's migrations. */
    static final String HISTORY_TABLE = "eejobs_schema_history";

    @Inject
    JobsPersistence persistence;

    @Inject
    JobsConfig config;

    private volatile boolean current;

    /**
     * Brings the schema up to date once per application start (unless {@code jobs.migrate=false}),
     * before the first use of the module's tables: whichever comes first — the engine's start or
     * an application's enqueue at its own startup — migrates, so no startup order is required.
     *
     * @throws RuntimeException if the database cannot be reached or a migration fails; the next
     *     call tries again
     */
    @Override
    public void ensureCurrent() {
        if (!current) {
            synchronized (this) {
                if (!current) {
                    if (config.migrate()) {
                        migrate();
                    }
                    current = true;
                }
            }
        }
    }

    /** @return whether the schema is known to be current (or migrations are off) */
    @Override
    public boolean isCurrent() {
        return current;
    }

    private void migrate() {
        Flyway.configure(SchemaMigrator.class.getClassLoader())
                .dataSource(persistence.dataSource())
                .locations("classpath:db/eejobs/" + folder())
                .table(HISTORY_TABLE)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }

    /** Flyway has no per-database folders of its own, so the folder is picked from the product name. */
    private String folder() {
        return switch (persistence.dialect()) {
            case POSTGRESQL -> "postgresql";
            case MARIADB -> "mariadb";
            case H2 -> "h2";
            case OTHER -> throw new IllegalStateException("eejobs has no schema for this database"
                    + " (jobs.datasource = " + config.datasource() + "); supported: PostgreSQL, MariaDB, H2");
        };
    }
}
