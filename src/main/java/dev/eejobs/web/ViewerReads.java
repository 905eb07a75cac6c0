package dev.eejobs.web;

import jakarta.annotation.Priority;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.Arrays;

/**
 * Lets the read-only role {@link RoleCheck#VIEWER} make every read that {@link RoleCheck#ADMIN}
 * may make, without an annotation per method. Servers enforce {@link RolesAllowed} on JAX-RS
 * methods themselves (Payara registers a filter of its own for every application), so the
 * module's {@link RoleCheck} alone cannot widen a method's roles: for a {@code GET} or
 * {@code HEAD} of the module whose roles include {@code jobs-admin} but not {@code jobs-viewer},
 * made by a viewer who is no admin, this filter, which runs before any authorisation, answers
 * {@code isUserInRole("jobs-admin")} with true for the rest of that request. Nothing else is
 * widened: a state-changing method, or a read annotated with other roles, sees the caller as is.
 */
@Priority(Priorities.AUTHENTICATION + 20)
public class ViewerReads implements ContainerRequestFilter {

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        SecurityContext caller = request.getSecurityContext();
        if (!RoleCheck.isModuleMethod(resource) || caller == null || caller.getUserPrincipal() == null) {
            return;
        }
        RolesAllowed allowed = resource.getResourceMethod().getAnnotation(RolesAllowed.class);
        if (allowed == null) {
            allowed = resource.getResourceClass().getAnnotation(RolesAllowed.class);
        }
        if (allowed == null || Arrays.equals(RoleCheck.withViewer(allowed.value(), request.getMethod()), allowed.value())
                || caller.isUserInRole(RoleCheck.ADMIN) || !caller.isUserInRole(RoleCheck.VIEWER)) {
            return;
        }
        request.setSecurityContext(new ReadingViewer(caller));
    }

    /** The caller, taken for an admin for one read. */
    private record ReadingViewer(SecurityContext caller) implements SecurityContext {

        @Override
        public Principal getUserPrincipal() {
            return caller.getUserPrincipal();
        }

        @Override
        public boolean isUserInRole(String role) {
            return RoleCheck.ADMIN.equals(role) || caller.isUserInRole(role);
        }

        @Override
        public boolean isSecure() {
            return caller.isSecure();
        }

        @Override
        public String getAuthenticationScheme() {
            return caller.getAuthenticationScheme();
        }
    }
}
