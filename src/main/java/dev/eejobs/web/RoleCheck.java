package dev.eejobs.web;

import jakarta.annotation.Priority;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Arrays;

/**
 * Enforces each API method's {@link RolesAllowed}: 401 without a login, 403 without the role.
 * The API never relies on the host application's web.xml for this, so embedding the module can
 * not leave it open; a method without the annotation is refused to everyone. Resources outside
 * this package (an embedding application's own) are left alone.
 *
 * <p>The read-only role {@link #VIEWER} may call every read ({@code GET}, {@code HEAD}) that
 * {@link #ADMIN} may: a new read needs no annotation of its own for it, and no state-changing
 * method is ever opened to it.
 */
@Priority(Priorities.AUTHORIZATION)
public class RoleCheck implements ContainerRequestFilter {

    /** May enqueue jobs over HTTP. */
    static final String ENQUEUE = "jobs-enqueue";
    /** May read jobs, queues and schedules and manage them. */
    static final String ADMIN = "jobs-admin";
    /** May read everything {@link #ADMIN} may read, and change nothing. */
    static final String VIEWER = "jobs-viewer";

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!isModuleMethod(resource)) {
            return; // not ours: an embedding application's own resources follow its own rules
        }
        RolesAllowed allowed = resource.getResourceMethod().getAnnotation(RolesAllowed.class);
        if (allowed == null) {
            allowed = resource.getResourceClass().getAnnotation(RolesAllowed.class);
        }
        SecurityContext security = request.getSecurityContext();
        if (security == null || security.getUserPrincipal() == null) {
            request.abortWith(jakarta.ws.rs.core.Response.fromResponse(
                            Problem.response(401, "the jobs API needs a login (HTTP Basic)", "Authorization"))
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"eejobs\"").build());
            return;
        }
        String[] roles = allowed == null ? new String[0] : withViewer(allowed.value(), request.getMethod());
        if (Arrays.stream(roles).noneMatch(security::isUserInRole)) {
            request.abortWith(Problem.response(403, "this needs the role " + String.join(" or ", roles),
                    "Authorization"));
        }
    }

    /** @return whether the request matched a resource method of this module (not an embedding application's) */
    static boolean isModuleMethod(ResourceInfo resource) {
        return resource != null && resource.getResourceMethod() != null
                && resource.getResourceClass().getPackageName().equals(RoleCheck.class.getPackageName());
    }

    /** @return the roles, plus {@link #VIEWER} for a read that {@link #ADMIN} may make */
    static String[] withViewer(String[] roles, String method) {
        boolean read = "GET".equals(method) || "HEAD".equals(method);
        if (!read || !Arrays.asList(roles).contains(ADMIN) || Arrays.asList(roles).contains(VIEWER)) {
            return roles;
        }
        String[] more = Arrays.copyOf(roles, roles.length + 1);
        more[roles.length] = VIEWER;
        return more;
    }
}
