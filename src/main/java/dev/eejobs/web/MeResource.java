package dev.eejobs.web;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Who is calling: the dashboard shows actions only to users who may take them. */
@Path("me")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "me")
@SecurityRequirement(name = JobsApplication.BASIC)
public class MeResource {

    /**
     * @param security the caller's login
     * @return the caller's name and jobs roles
     */
    @GET
    @RolesAllowed({RoleCheck.ADMIN, RoleCheck.VIEWER, RoleCheck.ENQUEUE})
    @Operation(summary = "The caller", description = "The user's name, which of the jobs roles it has, and"
            + " whether it may change jobs, queues and schedules (jobs-admin).")
    @APIResponse(responseCode = "200", description = "the caller")
    public Me me(@Context SecurityContext security) {
        List<String> roles = Stream.of(RoleCheck.ADMIN, RoleCheck.VIEWER, RoleCheck.ENQUEUE)
                .filter(security::isUserInRole).toList();
        return new Me(security.getUserPrincipal().getName(), roles, roles.contains(RoleCheck.ADMIN));
    }

    /**
     * @param user the login name
     * @param roles the jobs roles the user has
     * @param canManage whether the user may retry, cancel, delete and pause (jobs-admin)
     */
    public record Me(String user, List<String> roles, boolean canManage) {}
}
