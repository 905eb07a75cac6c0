package dev.eejobs.web;

import dev.eejobs.api.JobId;
import dev.eejobs.api.JobQueue;
import dev.eejobs.engine.JobsAdmin;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A job's continuations: the jobs enqueued to run after it ({@code POST /api/jobs/{type}?after=}). */
@Path("jobs/{id}/children")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "jobs")
@SecurityRequirement(name = JobsApplication.BASIC)
public class JobChildrenResource {

    @Inject
    JobQueue jobs;

    @Inject
    JobsAdmin admin;

    /**
     * @param id the job's id
     * @return its continuations, by id, at most 200
     */
    @GET
    @RolesAllowed(RoleCheck.ADMIN)
    @Operation(summary = "A job's continuations", description = "The jobs enqueued with after={id}, in any state,"
            + " by id; at most 200.")
    @APIResponse(responseCode = "200", description = "the continuations")
    @APIResponse(responseCode = "404", description = "no such job")
    public List<ChildView> children(@PathParam("id") String id) {
        JobId parent = JobId.parse(id);
        jobs.find(parent).orElseThrow(() -> ApiProblem.notFound("id", "no job with id " + id));
        return admin.children(parent.value()).stream()
                .map(c -> new ChildView(Long.toString(c.id()), c.type(), c.state().name())).toList();
    }

    /**
     * @param id the continuation's id
     * @param type its job type
     * @param status its state
     */
    public record ChildView(String id, String type, String status) {}
}
