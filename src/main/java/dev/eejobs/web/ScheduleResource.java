package dev.eejobs.web;

import dev.eejobs.api.JobId;
import dev.eejobs.api.JobInfo;
import dev.eejobs.api.JobQueue;
import dev.eejobs.config.JobsConfig;
import dev.eejobs.api.ScheduleSpec;
import dev.eejobs.engine.JobsAdmin;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Recurring schedules: list, create or replace (interval or cron), delete, pause, resume, trigger. */
@Path("schedules")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "schedules")
@SecurityRequirement(name = JobsApplication.BASIC)
public class ScheduleResource {

    /** Listings stop here; a deployment with more schedules than this is not what the API is for. */
    static final int MAX_SCHEDULES = 1_000;

    @Inject
    JobsAdmin admin;

    @Inject
    JobQueue jobs;

    @Inject
    JobsConfig settings;

    /** @return the schedules by name */
    @GET
    @RolesAllowed(RoleCheck.ADMIN)
    @Operation(summary = "List recurring schedules (at most 1000, by name)")
    public List<ScheduleView> list() {
        return admin.schedules(MAX_SCHEDULES).stream().map(ScheduleView::of).toList();
    }

    /**
     * @param name the schedule's name
     * @return the schedule
     */
    @GET
    @Path("{name}")
    @RolesAllowed(RoleCheck.ADMIN)
    @Operation(summary = "Look a schedule up")
    @APIResponse(responseCode = "404", description = "no such schedule")
    public ScheduleView get(@PathParam("name") String name) {
        return stored(name).map(ScheduleView::of).orElseThrow(() -> notFound(name));
    }

    /** Any stored name can be read and deleted; one longer than the column cannot have been stored. */
    private Optional<ScheduleSpec> stored(String name) {
        return admin.schedule(name);
    }

    private static ApiProblem notFound(String name) {
        return ApiProblem.notFound("name", "no schedule named " + ApiProblem.quoted(name));
    }

    /**
     * @param name the schedule's name
     * @param body the schedule, see {@link ScheduleRequest}
     * @param uri for the Location header
     * @return 201 when created, 200 when replaced
     */
    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(RoleCheck.ADMIN)
    @Operation(summary = "Create or replace a schedule", description = "{\"type\":\"greet\",\"every\":\"30s\","
            + "\"argument\":{...}} or {\"type\":\"greet\",\"cron\":\"0 3 * * MON-FRI\",\"zone\":\"Europe/Berlin\","
            + "\"argument\":{...}}. Replacing one that ticks the same way keeps its next tick.")
    @RequestBody(required = true)
    @APIResponse(responseCode = "201", description = "created")
    @APIResponse(responseCode = "200", description = "replaced")
    @APIResponse(responseCode = "400", description = "a bad field or name")
    @APIResponse(responseCode = "404", description = "unknown job type")
    @Transactional // a failure after the upsert (reading the view back) leaves no row behind
    public Response put(@PathParam("name") String name, String body, @Context UriInfo uri) {
        if (!JobsAdmin.isValidScheduleName(name)) {
            throw ApiProblem.badRequest("name", "must be 1-" + JobsAdmin.MAX_SCHEDULE_NAME + " letters, digits, '.', '_',"
                    + " ':' or '-', starting with a letter or digit, was " + ApiProblem.quoted(name));
        }
        ScheduleRequest request = ScheduleRequest.parse(body);
        boolean created = request.every() != null
                ? admin.every(name, request.every(), request.type(), request.argumentJson(), request.overlap())
                : admin.cron(name, request.cron(), request.zone(), request.type(), request.argumentJson(),
                        request.overlap());
        ScheduleView view = get(name);
        if (!created) {
            return Response.ok(view).build();
        }
        // the name is one plain path segment (its characters need no escaping), passed as a
        // template value so that no character of it is ever read as a template or a separator
        URI location = uri.getBaseUriBuilder().path("schedules/{name}").build(name);
        return Response.created(location).entity(view).build();
    }

    /**
     * @param name the schedule's name
     * @return 204; jobs it already fired are kept
     */
    @DELETE
    @Path("{name}")
    @RolesAllowed(RoleCheck.ADMIN)
    @Operation(summary = "Delete a schedule; jobs it fired are kept")
    @APIResponse(responseCode = "204", description = "deleted")
    @APIResponse(responseCode = "404", description = "no such schedule")
    public Response delete(@PathParam("name") String name) {
        if (name.length() > JobsAdmin.MAX_SCHEDULE_NAME || !jobs.cancelSchedule(name)) {
            throw notFound(name);
        }
        return Response.noContent().build();
    }

    /**
     * @param name the schedule's name
     * @return the schedule, paused
     */
    @POST
    @Path("{name}/pause")
    @RolesAllowed(RoleCheck.ADMIN)
    @Operation(summary = "Pause a schedule on every node; it stays paused across restarts and re-declarations")
    @APIResponse(responseCode = "200", description = "paused (pausing a paused schedule changes nothing)")
    @APIResponse(responseCode = "404", description = "no such schedule")
    public ScheduleView pause(@PathParam("name") String name) {
        if (name.length() > JobsAdmin.MAX_SCHEDULE_NAME || !jobs.pauseSchedule(name)) {
            throw notFound(name);
        }
        return get(name);
    }

    /**
     * @param name the schedule's name
     * @return the schedule, running from its next tick after now
     */
    @POST
    @Path("{name}/resume")
    @RolesAllowed(RoleCheck.ADMIN)
    @Operation(summary = "Resume a paused schedule at its next tick after now; missed ticks are not replayed")
    @APIResponse(responseCode = "200", description = "running (resuming a running schedule changes nothing)")
    @APIResponse(responseCode = "404", description = "no such schedule")
    public ScheduleView resume(@PathParam("name") String name) {
        if (name.length() > JobsAdmin.MAX_SCHEDULE_NAME || !jobs.resumeSchedule(name)) {
            throw notFound(name);
        }
        return get(name);
    }

    /**
     * @param name the schedule's name
     * @param uri for the Location header
     * @return 202 with the fired job, Location naming it
     */
    @POST
    @Path("{name}/trigger")
    @RolesAllowed(RoleCheck.ADMIN)
    @Transactional // the job is read back before any worker can see it
    @Operation(summary = "Fire a schedule once, now, without moving its next tick (paused or not, whatever its"
            + " overlap policy)")
    @APIResponse(responseCode = "202", description = "fired; Location names the job")
    @APIResponse(responseCode = "404", description = "no such schedule, or its job type is not registered here")
    public Response trigger(@PathParam("name") String name, @Context UriInfo uri) {
        if (name.length() > JobsAdmin.MAX_SCHEDULE_NAME) {
            throw notFound(name);
        }
        JobId id = jobs.triggerSchedule(name).orElseThrow(() -> notFound(name));
        JobInfo job = jobs.find(id).orElseThrow();
        return Response.accepted(JobView.of(job, ErrorDetail.of(settings.httpErrorDetail())))
                .location(uri.getBaseUriBuilder().path("jobs").path(id.toString()).build()).build();
    }
}
