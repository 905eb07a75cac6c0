package dev.eejobs.web;

import dev.eejobs.engine.JobsAdmin;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The nodes working this database, from the node registry each node renews with its heartbeat. */
@Path("nodes")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "nodes")
@SecurityRequirement(name = JobsApplication.BASIC)
public class NodeResource {

    @Inject
    JobsAdmin admin;

    /** @return every registered node, by name */
    @GET
    @RolesAllowed(RoleCheck.ADMIN)
    @Operation(summary = "List nodes", description = "Each node renews its row every jobs.heartbeat; a node"
            + " whose heartbeat is 3 intervals (plus 5 s) overdue is shown with gone=true, and its row is deleted"
            + " an hour after its last heartbeat. A node that stops cleanly removes its row.")
    @APIResponse(responseCode = "200", description = "the nodes")
    public List<NodeView> list() {
        return admin.nodes().stream().map(NodeView::of).toList();
    }
}
