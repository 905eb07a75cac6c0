package dev.eejobs.web;

import io.undertow.server.HandlerWrapper;
import io.undertow.servlet.ServletExtension;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.util.Headers;
import jakarta.servlet.ServletContext;

/**
 * WildFly only (an Undertow servlet extension, found through {@code META-INF/services}; other
 * servers never load it): drops an {@code Authorization} header that claims HTTP Basic but carries
 * no base64 {@code user:password} before WildFly's login mechanism sees it. Elytron throws on such a
 * header, so every one would be logged as a server error with its stack trace (an easy way to
 * flood the log) and answered as a 500; without the header the request is simply not logged in,
 * and a protected path refuses it with 401 like any request without credentials. {@link
 * ProblemPages} still answers the 500 as a 401 should the header reach the mechanism some other way.
 */
public final class UndertowLoginGuard implements ServletExtension {

    @Override
    public void handleDeployment(DeploymentInfo deployment, ServletContext servletContext) {
        deployment.addInitialHandlerChainWrapper(dropMalformedBasic());
    }

    static HandlerWrapper dropMalformedBasic() {
        return next -> exchange -> {
            if (BasicCredentials.malformed(exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION))) {
                exchange.getRequestHeaders().remove(Headers.AUTHORIZATION);
            }
            next.handleRequest(exchange);
        };
    }
}
