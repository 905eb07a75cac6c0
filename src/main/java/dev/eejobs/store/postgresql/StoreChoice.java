package dev.eejobs.store.postgresql;

import dev.eejobs.store.JobStore;
import dev.eejobs.store.jpa.JobsPersistence;
import dev.eejobs.store.jpa.JpaJobStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * Which store serves {@link JobStore}: the PostgreSQL store on PostgreSQL, the JPA store on any
 * other database. Decided once, when the store is first used (the database is asked what it is);
 * a database that cannot be reached then leaves the choice to the next use.
 */
@ApplicationScoped
class StoreChoice {

    @Produces
    @ApplicationScoped
    JobStore store(JobsPersistence persistence, JpaJobStore jpa, PostgresJobStore postgresql) {
        return persistence.onPostgresql() ? postgresql : jpa;
    }
}
