package dev.eejobs.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eejobs.engine.ItDeployment;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Readiness follows the database: DOWN while it refuses connections, UP again once it takes them.
 * PostgreSQL only, in its own failsafe run whose default datasource is the database
 * {@value #DATABASE}, created here; refusing its connections disturbs no other client.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HealthIT {

    /** EEJOBS_HEALTH_DB lets parallel checkouts use a database each (server-config reads it too). */
    static final String DATABASE = System.getenv().getOrDefault("EEJOBS_HEALTH_DB", "eejobs_health");
    private static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres&password=postgres";
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    /** Creates the database before the server that uses it starts (Arquillian calls this first). */
    @Deployment(testable = false)
    static WebArchive deployment() throws SQLException {
        try (Connection admin = DriverManager.getConnection(ADMIN_URL); Statement sql = admin.createStatement()) {
            try (ResultSet exists = sql.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                if (!exists.next()) {
                    sql.execute("CREATE DATABASE " + DATABASE);
                }
            }
            sql.execute("ALTER DATABASE " + DATABASE + " ALLOW_CONNECTIONS true");
        }
        return ItDeployment.war("health-it", String.join("\n",
                "jobs.poll-interval=200ms",
                "jobs.housekeeping-interval=200ms",
                "jobs.health.database-timeout=1s",
                "jobs.metrics.counts-refresh=200ms"));
    }

    @ArquillianResource
    URL base;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private volatile String lastReadiness = "";

    private int ready() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base.toString()).resolve("/health/ready"))
                .timeout(Duration.ofSeconds(20)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        lastReadiness = response.body();
        return response.statusCode();
    }

    private void awaitReadiness(int status) {
        try {
            await().atMost(PATIENCE).until(this::ready, s -> s == status);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("readiness never answered " + status + "; last answer: " + lastReadiness, e);
        }
    }

    private static void allowConnections(boolean allow) throws SQLException {
        try (Connection admin = DriverManager.getConnection(ADMIN_URL); Statement sql = admin.createStatement()) {
            sql.execute("ALTER DATABASE " + DATABASE + " ALLOW_CONNECTIONS " + allow);
            if (!allow) {
                sql.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + DATABASE + "'");
            }
        }
    }

    @AfterAll
    static void reopenTheDatabase() throws SQLException {
        allowConnections(true);
    }

    @Test
    void readiness_is_down_while_the_database_refuses_connections_and_up_again_after() throws Exception {
        awaitReadiness(200);

        allowConnections(false);
        awaitReadiness(503);

        allowConnections(true);
        awaitReadiness(200);
    }
}
