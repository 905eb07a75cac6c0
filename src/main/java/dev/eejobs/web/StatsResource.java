package dev.eejobs.web;

import dev.eejobs.engine.JobsAdmin;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Aggregates for the dashboard's charts. */
@Path("stats")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "stats")
@SecurityRequirement(name = JobsApplication.BASIC)
public class StatsResource {

    /** Longest window of the throughput series: one day of minutes. */
    static final int MAX_MINUTES = 1440;

    @Inject
    JobsAdmin admin;

    /**
     * Jobs finished per minute.
     *
     * @param minutes how many minutes back, the current one included (1-1440, default 60)
     * @return one entry per minute, oldest first
     */
    @GET
    @Path("throughput")
    @RolesAllowed(RoleCheck.ADMIN)
    @Operation(summary = "Jobs finished per minute", description = "SUCCEEDED, DEAD and CANCELLED jobs by the"
            + " minute they finished in, every minute of the window present. Jobs already pruned"
            + " (jobs.retention.succeeded) are not counted.")
    @APIResponse(responseCode = "200", description = "the series")
    @APIResponse(responseCode = "400", description = "minutes out of range")
    public List<ThroughputView> throughput(
            @Parameter(description = "1-1440, default 60") @QueryParam("minutes") String minutes) {
        int window = minutes == null ? 60 : EnqueueParameters.whole("minutes", minutes);
        if (window < 1 || window > MAX_MINUTES) {
            throw ApiProblem.badRequest("minutes", "must be between 1 and " + MAX_MINUTES + ", was " + window);
        }
        return admin.finishedPerMinute(window).stream().map(m -> new ThroughputView(m.minute().toString(),
                m.succeeded(), m.dead(), m.cancelled(), m.failedAttempts())).toList();
    }

    /**
     * @param minute the minute's start, ISO-8601
     * @param succeeded jobs that SUCCEEDED in it
     * @param dead jobs that went DEAD in it
     * @param cancelled jobs CANCELLED in it
     * @param failedAttempts attempts that failed, timed out or lost their lease in it (retried or not)
     */
    public record ThroughputView(String minute, long succeeded, long dead, long cancelled, long failedAttempts) {}
}
