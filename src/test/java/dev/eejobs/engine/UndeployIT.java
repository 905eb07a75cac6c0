package dev.eejobs.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Undeploys the WAR while a job runs and checks, straight in PostgreSQL, that the job went back to
 * QUEUED without losing an attempt. Needs a database that outlives the server, so it runs in the
 * PostgreSQL suite only (the embedded H2 goes away with the server).
 */
@ExtendWith(ArquillianExtension.class)
@EnabledIfSystemProperty(named = "eejobs.db", matches = "postgresql")
class UndeployIT {

    static final String JDBC_URL = System.getProperty("eejobs.jdbc.url",
            "jdbc:postgresql://127.0.0.1:5432/" + System.getenv().getOrDefault("EEJOBS_DB_NAME", "test"));
    static final String JDBC_USER = System.getProperty("eejobs.jdbc.user", "postgres");

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = "undeploy-it", managed = false)
    static WebArchive deployment() {
        return ItDeployment.war("undeploy-it", "jobs.shutdown-grace=2s\njobs.poll-interval=250ms\n");
    }

    @Test
    @RunAsClient
    void undeploy_during_a_long_job_hands_it_back_without_losing_an_attempt() throws Exception {
        deployer.deploy("undeploy-it");
        long id;
        try (Connection db = DriverManager.getConnection(JDBC_URL, JDBC_USER, "")) {
            id = insertLongJob(db, "undeploy-" + UUID.randomUUID());
            await().atMost(Duration.ofSeconds(30)).until(() -> "RUNNING".equals(status(db, id)));
            assertThat(attempts(db, id)).isEqualTo(1);
        }

        deployer.undeploy("undeploy-it"); // SIGTERM: the server drains while it shuts down

        try (Connection db = DriverManager.getConnection(JDBC_URL, JDBC_USER, "")) {
            await().atMost(Duration.ofSeconds(60)).until(() -> !"RUNNING".equals(status(db, id)));
            assertThat(status(db, id)).isEqualTo("QUEUED");
            assertThat(attempts(db, id)).as("the interrupted attempt is not counted").isZero();
            try (PreparedStatement s = db.prepareStatement("SELECT lease_token FROM eejobs_job WHERE id = ?")) {
                s.setLong(1, id);
                try (ResultSet rs = s.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isNull();
                }
            }
            try (PreparedStatement s = db.prepareStatement("UPDATE eejobs_job SET status = 'CANCELLED' WHERE id = ?")) {
                s.setLong(1, id);
                s.executeUpdate();
            }
        }
    }

    private static long insertLongJob(Connection db, String key) throws SQLException {
        try (PreparedStatement s = db.prepareStatement("INSERT INTO eejobs_job (id, job_type, queue_name, status,"
                + " argument_json, priority, run_at, enqueued_at, attempts, max_retries, backoff, heartbeat_ms)"
                + " VALUES (nextval('eejobs_job_seq'), 'it-long', 'default', 'QUEUED', ?, 0, now(), now(), 0, 0,"
                + " 'exponential(2)', 1000) RETURNING id")) {
            s.setString(1, "{\"key\":\"" + key + "\"}");
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static String status(Connection db, long id) throws SQLException {
        return column(db, id, "status");
    }

    private static int attempts(Connection db, long id) throws SQLException {
        return Integer.parseInt(column(db, id, "attempts"));
    }

    private static String column(Connection db, long id, String column) throws SQLException {
        try (PreparedStatement s = db.prepareStatement("SELECT " + column + " FROM eejobs_job WHERE id = ?")) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
