package dev.eejobs.web;

import dev.eejobs.engine.ItDeployment;
import dev.eejobs.web.HostileRequests.Api;
import java.net.URL;
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

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ItDeployment.war("deployed-storm", "jobs.workers=4");
    }

    @ArquillianResource
    URL base;

    @Test
    void thousands_of_hostile_requests_get_a_2xx_or_a_problem_4xx_and_the_server_keeps_running() throws Exception {
        HostileStorm.againstDeployment(Api.DEMO, base, SEED, REQUESTS);
    }
}
