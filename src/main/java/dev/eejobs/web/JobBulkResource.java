package dev.eejobs.web;

import dev.eejobs.api.JobQueue;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Bulk actions on the jobs a filter selects. A resource of its own, under {@code jobs/bulk}: inside
 * {@link JobResource} the path {@code bulk/cancel} would match {@code {id}/cancel}, whose literal
 * part is longer. (So a job type named {@code bulk} cannot be enqueued over HTTP.)
 */
@Path("jobs/bulk")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "jobs")
@SecurityRequirement(name = JobsApplication.BASIC)
@APIResponse(responseCode = "401", description = "no login")
@APIResponse(responseCode = "403", description = "the user lacks the role")
public class JobBulkResource {

    @Inject
    JobQueue jobs;

    /**
     * Retries, cancels or deletes every job the filters select, in transactions of at most 500
     * jobs, each job as the single-job action would (a job that action refuses is skipped).
     *
     * @param action {@code retry} (DEAD jobs), {@code cancel} (jobs not finished) or {@code delete}
     *     (SUCCEEDED, DEAD or CANCELLED jobs)
     * @param status required: the state the action works on
     * @param type only jobs of this type
     * @param queue only jobs on this queue
     * @param olderThan only jobs enqueued before this ISO-8601 instant, or longer ago than this
     *     duration (e.g. {@code 1h})
     * @return {@code {"count": n}}, the jobs changed
     */
    @POST
    @Path("{action}")
    @RolesAllowed(RoleCheck.ADMIN)
    @Operation(summary = "Retry, cancel or delete jobs by filter", description = "status is required and must"
            + " suit the action: DEAD for retry, a state not final for cancel, SUCCEEDED, DEAD or CANCELLED for"
            + " delete. Works in transactions of at most 500 jobs; returns how many jobs changed.")
    @APIResponse(responseCode = "200", description = "the number of jobs changed")
    @APIResponse(responseCode = "400", description = "a bad or missing filter")
    @APIResponse(responseCode = "404", description = "no such action")
    public CountView bulk(@PathParam("action") String action, @QueryParam("status") String status,
            @QueryParam("type") String type, @QueryParam("queue") String queue,
            @Parameter(description = "ISO-8601 instant, or a duration such as 1h") @QueryParam("olderThan")
            String olderThan) {
        BulkParameters selection = BulkParameters.of(status, type, queue, olderThan, Instant.now());
        long changed = switch (action) {
            case "retry" -> jobs.retryAll(selection.filter(), selection.enqueuedBefore());
            case "cancel" -> jobs.cancelAll(selection.filter(), selection.enqueuedBefore());
            case "delete" -> jobs.deleteAll(selection.filter(), selection.enqueuedBefore());
            default -> throw ApiProblem.notFound("action", "no bulk action " + ApiProblem.quoted(action)
                    + "; use retry, cancel or delete");
        };
        return new CountView(changed);
    }

}
