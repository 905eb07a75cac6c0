package dev.eejobs.engine;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.PersistenceException;
import java.io.EOFException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

class DatabaseUnreachableTest {

    /** As Payara answered a read while PostgreSQL was down: provider, pool, driver. */
    @Test
    void a_refused_connection_under_the_providers_and_the_pools_wrapping_is_the_database_out_of_reach() {
        PSQLException refused = new PSQLException("Connection to 127.0.0.1:55432 refused.",
                PSQLState.CONNECTION_UNABLE_TO_CONNECT, new ConnectException("Connection refused"));
        SQLException pool = new SQLException("Error in allocating a connection. Cause: Connection could not be allocated",
                new RuntimeException("Connection could not be allocated", refused));
        assertThat(DatabaseUnreachable.causes(new PersistenceException("Exception [EclipseLink-4002]", pool))).isTrue();
        assertThat(DatabaseUnreachable.causes(new IllegalStateException("jobs database: Error in allocating a connection",
                pool))).isTrue();
    }

    @Test
    void a_connection_broken_or_closed_mid_statement_and_a_server_shutting_down_are_the_database_out_of_reach() {
        assertThat(DatabaseUnreachable.causes(new PSQLException("An I/O error occurred while sending to the backend.",
                PSQLState.CONNECTION_FAILURE, new EOFException()))).isTrue();
        assertThat(DatabaseUnreachable.causes(new SQLException("This connection has been closed.", "08003"))).isTrue();
        assertThat(DatabaseUnreachable.causes(new SQLException("terminating connection due to administrator command",
                "57P01"))).isTrue();
        assertThat(DatabaseUnreachable.causes(new SQLException("the database system is starting up", "57P03"))).isTrue();
        assertThat(DatabaseUnreachable.causes(new RuntimeException(new SQLTransientConnectionException("timeout"))))
                .isTrue();
        SQLException batch = new SQLException("Batch entry 0 was aborted", "08006");
        SQLException outer = new SQLException("batch failed");
        outer.setNextException(batch);
        assertThat(DatabaseUnreachable.causes(outer)).as("found through getNextException").isTrue();
    }

    @Test
    void constraint_violations_deadlocks_and_bugs_are_not_the_database_out_of_reach() {
        assertThat(DatabaseUnreachable.causes(new PersistenceException(new SQLException("duplicate key", "23505"))))
                .isFalse();
        assertThat(DatabaseUnreachable.causes(new SQLException("deadlock detected", "40P01"))).isFalse();
        assertThat(DatabaseUnreachable.causes(new SQLException("no state"))).isFalse();
        assertThat(DatabaseUnreachable.causes(new IllegalStateException("a bug"))).isFalse();
    }

    @Test
    void a_cause_chain_that_loops_ends() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);
        assertThat(DatabaseUnreachable.causes(a)).isFalse();
    }
}
