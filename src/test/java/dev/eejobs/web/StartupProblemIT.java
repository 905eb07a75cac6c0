package dev.eejobs.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eejobs.engine.ItServer;
import example.shop.ShopStartup;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A user's WAR whose jobs datasource does not exist: the application still deploys and serves its
 * own requests, and the module's startup check is DOWN saying why. H2 suite only (no database of
 * the suite's is involved).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@EnabledIfSystemProperty(named = "eejobs.db", matches = "h2")
class StartupProblemIT {

    @Deployment(testable = false)
    static WebArchive missingDatasource() {
        // without the shop's startup schedule: an enqueue at startup fails when the jobs' database is
        // missing, as any write to a missing database would, and would fail the shop's deployment
        return ShopWar.of("missing-datasource", "jobs.datasource=java:app/jdbc/nowhere\n").deleteClass(ShopStartup.class);
    }

    @ArquillianResource
    URL base;

    @Test
    void an_engine_that_cannot_start_leaves_the_application_up_and_says_why_in_the_startup_check() {
        ApiClient http = new ApiClient(base);
        ApiClient.Reply started = http.get(ItServer.health(base, "/health/started"), null);
        assertThat(started.status()).isEqualTo(503);
        assertThat(started.json().getJsonArray("checks").stream().map(c -> c.asJsonObject())
                .filter(c -> c.getString("name").equals("eejobs-startup") && c.getString("status").equals("DOWN"))
                .map(c -> c.getJsonObject("data").getString("problem")))
                .singleElement().asString().contains("jobs.datasource = java:app/jdbc/nowhere");
        assertThat(http.get("api/orders/tick", null).status()).as("the application itself is up").isEqualTo(200);
    }
}
