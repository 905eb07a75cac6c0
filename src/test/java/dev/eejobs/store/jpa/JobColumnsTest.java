package dev.eejobs.store.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import java.lang.reflect.Field;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JobColumnsTest {

    @Test
    void the_lease_is_cleared_alike_in_sql_and_jpql_with_typed_nulls_for_times_in_jpql() {
        assertThat(JobColumns.clearLeaseSql())
                .isEqualTo("lease_token = NULL, lease_owner = NULL, heartbeat_at = NULL, lease_expires_at = NULL");
        assertThat(JobColumns.clearLeaseJpql()).isEqualTo("j.leaseToken = NULL, j.leaseOwner = NULL,"
                + " j.heartbeatAt = NULLIF(j.heartbeatAt, j.heartbeatAt),"
                + " j.leaseExpiresAt = NULLIF(j.leaseExpiresAt, j.leaseExpiresAt)");
    }

    @Test
    void every_inserted_column_is_a_column_of_the_entity() {
        Set<String> mapped = new HashSet<>();
        for (Field f : JobRecord.class.getDeclaredFields()) {
            Column c = f.getAnnotation(Column.class);
            if (c != null) {
                mapped.add(c.name());
            }
            if (f.isAnnotationPresent(Id.class)) {
                mapped.add(c != null ? c.name() : f.getName());
            }
        }
        assertThat(mapped).containsAll(JobColumns.INSERTED);
        JobColumns.LEASE.forEach(col -> assertThat(mapped).contains(col.sql()));
    }
}
