package dev.eejobs.web;

import jakarta.annotation.Priority;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Configuration;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

/**
 * Keeps the module's resources to the module's own JAX-RS application. An embedding application
 * whose {@code Application} lists no classes gets every {@code @Path} class of the WAR, the
 * module's included, under its own path — without the module's role check. This filter comes
 * along (it is the module's only {@code @Provider}) and answers 404 for the module's resources
 * there; it leaves every other resource alone. Public only because JAX-RS instantiates it.
 */
@Provider
@Priority(Priorities.AUTHENTICATION - 100)
public class ModuleResourceGuard implements ContainerRequestFilter {

    /** The property {@link JobsApplication} sets on its runtime configuration. */
    static final String MARK = "dev.eejobs.api";

    @Context
    ResourceInfo resource;

    @Context
    Configuration configuration;

    @Override
    public void filter(ContainerRequestContext request) {
        if (resource == null || resource.getResourceClass() == null
                || !resource.getResourceClass().getPackageName().equals(ModuleResourceGuard.class.getPackageName())) {
            return;
        }
        if (!Boolean.TRUE.equals(configuration.getProperty(MARK))) {
            throw new NotFoundException();
        }
    }
}
