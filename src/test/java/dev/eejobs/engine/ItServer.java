package dev.eejobs.engine;

import java.net.URL;

/**
 * What differs between the servers the suites run on: WildFly serves MicroProfile Health on its
 * management port, not the application's, and has no MicroProfile Metrics (it ships Micrometer).
 */
public final class ItServer {

    private ItServer() {}

    /** @return whether this suite runs on WildFly */
    public static boolean wildfly() {
        return "wildfly".equals(System.getProperty("eejobs.server"));
    }

    /**
     * @param base the deployment's URL
     * @param path e.g. {@code /health/ready}
     * @return the absolute URL of a health endpoint
     */
    public static String health(URL base, String path) {
        int port = wildfly() ? Integer.getInteger("eejobs.wildfly.managementPort") : base.getPort();
        return base.getProtocol() + "://" + base.getHost() + ":" + port + path;
    }

    /** @return whether the server offers MicroProfile Metrics, so the module's series exist */
    public static boolean hasMicroProfileMetrics() {
        return !wildfly();
    }
}
