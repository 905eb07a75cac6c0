package dev.eejobs.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** An attempt's outcome written again when the database rolled it back as a deadlock's victim. */
class DeadlockRetryTest {

    /** As EclipseLink reports MariaDB's deadlock: the driver's exception some causes down. */
    private static RuntimeException mariaDbDeadlock() {
        return new PersistenceException("Exception [EclipseLink-4002]", new RuntimeException("DatabaseException",
                new SQLTransactionRollbackException("Deadlock found when trying to get lock", "40001", 1213)));
    }

    @Test
    void a_write_that_lost_a_deadlock_is_written_again_and_its_result_returned() {
        AtomicInteger tries = new AtomicInteger();
        boolean written = DeadlockRetry.write(() -> {
            if (tries.incrementAndGet() < DeadlockRetry.TRIES) {
                throw mariaDbDeadlock();
            }
            return true;
        });
        assertThat(written).isTrue();
        assertThat(tries).hasValue(DeadlockRetry.TRIES);
    }

    @Test
    void any_other_failure_is_thrown_at_once_and_a_deadlock_after_the_last_try() {
        AtomicInteger tries = new AtomicInteger();
        RuntimeException down = new PersistenceException(new SQLException("connection refused", "08001"));
        assertThatThrownBy(() -> DeadlockRetry.write(() -> {
            tries.incrementAndGet();
            throw down;
        })).isSameAs(down);
        assertThat(tries).hasValue(1);

        tries.set(0);
        assertThatThrownBy(() -> DeadlockRetry.write(() -> {
            tries.incrementAndGet();
            throw mariaDbDeadlock();
        })).isInstanceOf(PersistenceException.class);
        assertThat(tries).hasValue(DeadlockRetry.TRIES);
    }

    @Test
    void deadlocks_and_serialization_failures_are_told_by_their_sql_state_or_mariadb_code() {
        assertThat(DeadlockRetry.lostToAnotherTransaction(new RuntimeException(new SQLException("x", "40P01"))))
                .as("PostgreSQL's deadlock").isTrue();
        assertThat(DeadlockRetry.lostToAnotherTransaction(new RuntimeException(new SQLException("x", "40001"))))
                .as("a serialization failure").isTrue();
        assertThat(DeadlockRetry.lostToAnotherTransaction(new RuntimeException(new SQLException("x", "HY000", 1213))))
                .as("MariaDB's code").isTrue();
        assertThat(DeadlockRetry.lostToAnotherTransaction(new RuntimeException(new SQLException("x", "23505"))))
                .as("a unique violation").isFalse();
        assertThat(DeadlockRetry.lostToAnotherTransaction(new IllegalStateException("no SQL at all"))).isFalse();
    }
}
