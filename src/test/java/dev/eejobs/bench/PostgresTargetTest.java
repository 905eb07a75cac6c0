package dev.eejobs.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PostgresTargetTest {

    @Test
    void jdbc_url_gives_host_port_and_database_to_payara() {
        PostgresTarget t = PostgresTarget.fromUrl("url", "jdbc:postgresql://db.example:6543/jobs", "app", "secret");

        assertThat(t.payaraEnvironment()).containsEntry("EEJOBS_DB_HOST", "db.example")
                .containsEntry("EEJOBS_DB_PORT", "6543").containsEntry("EEJOBS_DB_NAME", "jobs")
                .containsEntry("EEJOBS_DB_USER", "app").containsEntry("EEJOBS_DB_PASSWORD", "secret");
        assertThat(t.peerDatabase("db-scheduler")).isEqualTo("jobs_dbscheduler");
    }

    @Test
    void jdbc_url_without_port_means_5432() {
        assertThat(PostgresTarget.fromUrl("url", "jdbc:postgresql://localhost/jobs", "u", "").port()).isEqualTo(5432);
    }

    @Test
    void url_of_another_database_or_without_a_database_is_refused_naming_the_property() {
        assertThatThrownBy(() -> PostgresTarget.fromUrl("url", "jdbc:mysql://localhost/jobs", "u", ""))
                .hasMessageContaining("bench.jdbcUrl");
        assertThatThrownBy(() -> PostgresTarget.fromUrl("url", "jdbc:postgresql://localhost:5432/", "u", ""))
                .hasMessageContaining("bench.jdbcUrl");
    }
}
