package dev.eejobs.web;

import static dev.eejobs.web.HostileStorm.DEMO;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eejobs.web.HostileRequests.Api;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The demo as the README's run command starts it (Payara Micro, root context, the embedded H2
 * database, demo users), the first thing a new user pokes at, under the same generated hostile
 * requests as {@link HostileRequestsIT} ({@code -Deejobs.hostile.seed}, {@code
 * -Deejobs.hostile.requests}): no answer is a 5xx, every 4xx of the API is a problem body that
 * speaks of the request, and the server is still ready and runs a fresh job afterwards. H2 lives
 * inside the server, so the rows themselves are checked by the PostgreSQL storm; here the
 * requests aimed at sentinel rows name jobs that do not exist and must be refused all the same.
 *
 * <p>Before the module prepared Payara's error-page dispatch at deployment ({@link
 * PayaraErrorPageWarmup}), about one run in twenty saw a refusal (401, 400) go out with an empty
 * body: Payara builds a helper of its error-page dispatch lazily and publishes it half-built, so
 * two error pages dispatched at once in the first seconds after the start could fail inside Payara
 * ({@code NullPointerException} in {@code StandardHost.findDeployedApp}, logged as {@code
 * AS-WEB-CORE-00037}). The last test reads the server log to check the helper was built once, by
 * the deploying thread, and that no dispatch failed: the storm alone would catch the race only
 * now and then.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunCommandStormIT {

    /** Payara's INFO line each time a thread builds the helper of its error-page dispatch. */
    private static final String HELPER_BUILT = "[AS-WEB-CORE-00203]";
    /** Payara's SEVERE line when an error-page dispatch throws. */
    private static final String DISPATCH_FAILED = "AS-WEB-CORE-00037";

    private static final long SEED = Long.getLong("eejobs.hostile.seed", 20_261_130L);
    private static final int REQUESTS = Integer.getInteger("eejobs.hostile.requests", 5_200);

    private static PayaraMicroProcess server;
    private static RawHttp http;

    @BeforeAll
    static void startTheDemoAsTheReadmeDoes() throws Exception {
        server = PayaraMicroProcess.startDemoOnH2("run-command-storm-payara.log");
        http = new RawHttp("127.0.0.1", server.port);
        server.awaitReady(Duration.ofMillis(200), () -> http.send(new RawHttp.Request("GET", "/health/ready", List.of(), null,
                false)).status() == 200 && http.send(new RawHttp.Request("GET", "/api/queues", List.of(DEMO), null, false))
                .status() == 200);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void thousands_of_hostile_requests_get_a_2xx_or_a_problem_4xx_and_the_demo_keeps_running() throws Exception {
        SoftAssertions softly = new SoftAssertions();
        HostileStorm.withoutRows(Api.DEMO, http, SEED, REQUESTS, softly);
        softly.assertAll();
        HostileStorm.theServerIsReadyAndRunsAFreshJob(http);
    }

    @Test
    @Order(2)
    void payaras_error_page_dispatch_is_built_once_while_the_demo_deploys_and_never_fails() throws Exception {
        List<String> helperBuilt;
        List<String> dispatchFailed;
        try (Stream<String> lines = Files.lines(server.log.toPath(), StandardCharsets.UTF_8)) {
            List<String> all = lines.toList();
            helperBuilt = all.stream().filter(line -> line.contains(HELPER_BUILT)).toList();
            dispatchFailed = all.stream().filter(line -> line.contains(DISPATCH_FAILED)).toList();
        }
        assertThat(helperBuilt).as("Payara built its error-page helper once, in " + server.log).hasSize(1);
        assertThat(helperBuilt.get(0)).as("built by the thread that deployed the demo, not by a request")
                .contains("_ThreadName=main");
        assertThat(dispatchFailed).as("no error-page dispatch failed inside Payara, in " + server.log).isEmpty();
    }
}
