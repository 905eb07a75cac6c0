package dev.eejobs.observability;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Whether the module's HTTP API answers yet. Startup and readiness stay DOWN until it does: the
 * health endpoint is up as soon as the checks are, while the JAX-RS application may still be
 * initialising, and a node reported ready must not answer its first API calls with the server's
 * own 404 page.
 */
@ApplicationScoped
public class ApiServing {

    private volatile boolean serving;

    /** Called by the web module once the JAX-RS application has started. */
    public void markServing() {
        serving = true;
    }

    /** @return whether the API answers requests */
    public boolean serving() {
        return serving;
    }
}
