package dev.eejobs.web;

import dev.eejobs.engine.ItDeployment;
import dev.eejobs.engine.ItServer;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The storm of {@link HostileRequestsIT} and {@link RunCommandStormIT} against the demo WAR as
 * another server deploys it (the suite's server, under a context path of its own): no answer is a
 * 5xx, every 4xx of the API is a problem body that speaks of the request, what must be refused is,
 * nothing is logged as a server error, and the server is still ready and runs a fresh job
 * afterwards. Run where the two Payara storms do not reach: WildFly, whose Undertow parses,
 * refuses and dispatches error pages its own way.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DeployedStormIT {

    private static final long SEED = Long.getLong("eejobs.hostile.seed", 20_261_130L);
    private static final int REQUESTS = Integer.getInteger("eejobs.hostile.requests", 5_200);

    /**
     * How WildFly logs a request that failed inside the server, and how the module logs one that
     * reached its error page with an exception: Elytron threw on malformed Basic credentials, each
     * logged with its stack trace, until {@link UndertowLoginGuard} dropped them first.
     */
    private static final Pattern SERVER_ERRORS = Pattern.compile("UT005023|eejobs API incident");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ItDeployment.war("deployed-storm", "jobs.workers=4");
    }

    @ArquillianResource
    URL base;

    /** @return WildFly's server log (the suite's server keeps one across deployments), or null elsewhere */
    private static Path serverLog() {
        String home = System.getProperty("eejobs.wildfly.home");
        return ItServer.wildfly() && home != null ? Path.of(home, "standalone", "log", "server.log") : null;
    }

    private static long serverErrorsLogged() throws IOException {
        Path log = serverLog();
        if (log == null || !Files.exists(log)) {
            return 0;
        }
        try (Stream<String> lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
            return lines.filter(line -> SERVER_ERRORS.matcher(line).find()).count();
        }
    }

    @Test
    void thousands_of_hostile_requests_get_a_2xx_or_a_problem_4xx_and_the_server_keeps_running() throws Exception {
        String contextPath = base.getPath().endsWith("/") ? base.getPath().substring(0, base.getPath().length() - 1)
                : base.getPath();
        RawHttp http = new RawHttp(base.getHost(), base.getPort(), contextPath);
        URL healthBase = new URL(ItServer.health(base, "/"));
        RawHttp health = new RawHttp(healthBase.getHost(), healthBase.getPort()); // the server's, not the WAR's
        long serverErrorsBefore = serverErrorsLogged();
        SoftAssertions softly = new SoftAssertions();
        HostileStorm.withoutRows(http, SEED, REQUESTS, softly);
        softly.assertThat(serverErrorsLogged()).as("no request of the storm logged as a server error (" + SERVER_ERRORS
                + ") in " + serverLog()).isEqualTo(serverErrorsBefore);
        softly.assertAll();
        HostileStorm.theServerIsReadyAndRunsAFreshJob(http, health);
    }
}
