package dev.eejobs.web;

import static dev.eejobs.web.ApiClient.DEMO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eejobs.engine.ItServer;
import example.settings.JobsProbe;
import example.shop.ShopApplication;
import example.shop.ShopStartup;
import java.io.File;
import java.net.URL;
import java.time.Duration;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.Node;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The module's settings seen from users' WARs, two deployed side by side on one server: one keeps
 * its jobs in a datasource it names ({@code jobs.datasource}) with the HTTP API off
 * ({@code jobs.http.enabled=false}); the other names a datasource that does not exist, which must
 * not stop that application but must show in its startup check with the reason. H2 suite only:
 * the named datasource is the application's own in-memory H2.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@EnabledIfSystemProperty(named = "eejobs.db", matches = "h2")
class ModuleSettingsIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Deployment(name = "own-datasource", testable = false)
    static WebArchive ownDatasource() {
        return shop("own-datasource", "jobs.datasource=java:app/jdbc/jobs\njobs.http.enabled=false\n");
    }

    @Deployment(name = "missing-datasource", testable = false)
    static WebArchive missingDatasource() {
        // without the shop's startup schedule: an enqueue at startup fails when the jobs' database is
        // missing, as any write to a missing database would, and would fail the shop's deployment
        return shop("missing-datasource", "jobs.datasource=java:app/jdbc/nowhere\n").deleteClass(ShopStartup.class);
    }

    private static WebArchive shop(String name, String settings) {
        WebArchive shop = ShrinkWrap.create(WebArchive.class, name + ".war")
                .addPackage(ShopApplication.class.getPackage())
                .addPackage(JobsProbe.class.getPackage())
                .addAsLibrary(new File("target/eejobs-classes.jar"))
                .addAsResource(new File("src/test/resources/shop/persistence.xml"), "META-INF/persistence.xml")
                .addAsResource(new StringAsset("jobs.poll-interval=200ms\n" + settings),
                        "META-INF/microprofile-config.properties");
        WebArchive demo = ShrinkWrap.createFromZipFile(WebArchive.class, new File("target/eejobs.war"));
        for (Node lib : demo.get("WEB-INF/lib").getChildren()) {
            if (!lib.getPath().get().endsWith("eejobs-classes.jar")) {
                shop.add(lib.getAsset(), lib.getPath());
            }
        }
        return shop;
    }

    @Test
    void jobs_live_in_the_datasource_the_application_names_and_the_api_can_be_switched_off(
            @ArquillianResource @OperateOnDeployment("own-datasource") URL base) {
        ApiClient http = new ApiClient(base);
        String id = http.post("probe?order=" + UUID.randomUUID(), null, "").body();
        await().atMost(PATIENCE).until(() -> http.get("probe?id=" + id, null).body().startsWith("own=1"));
        assertThat(http.get("probe?id=" + id, null).body())
                .as("nothing of the module in the default datasource").isEqualTo("own=1 default=-1");

        ApiClient.Reply api = http.get("jobs-api/queues", DEMO);
        assertThat(api.status()).as("the API is off").isEqualTo(404);
    }

    @Test
    void an_engine_that_cannot_start_leaves_the_application_up_and_says_why_in_the_startup_check(
            @ArquillianResource @OperateOnDeployment("missing-datasource") URL base) {
        ApiClient http = new ApiClient(base);
        ApiClient.Reply started = http.get(ItServer.health(base, "/health/started"), null);
        assertThat(started.status()).isEqualTo(503);
        // the server reports both applications' checks: this one's is the one that is DOWN
        assertThat(started.json().getJsonArray("checks").stream().map(c -> c.asJsonObject())
                .filter(c -> c.getString("name").equals("eejobs-startup") && c.getString("status").equals("DOWN"))
                .map(c -> c.getJsonObject("data").getString("problem")))
                .singleElement().asString().contains("jobs.datasource = java:app/jdbc/nowhere");
        assertThat(http.get("api/orders/tick", null).status()).as("the application itself is up").isEqualTo(200);
    }
}
