package dev.eejobs.web;

import dev.eejobs.engine.JobsAdmin;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import dev.eejobs.api.JobOptions;
import dev.eejobs.api.JobQueue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Every queue with jobs in the database, workers on this node or a pause; pausing and resuming one. */
@Path("queues")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "queues")
@SecurityRequirement(name = JobsApplication.BASIC)
public class QueueResource {

    @Inject
    JobsAdmin admin;

    @Inject
    JobQueue jobs;

    /** @return the queues by name */
    @GET
    @RolesAllowed(RoleCheck.ADMIN)
    @Operation(summary = "List queues", description = "Counts by status and the oldest due job's age come from"
            + " the database (all nodes); workers, busy and idle are this node's.")
    @APIResponse(responseCode = "200", description = "the queues")
    public List<QueueView> list() {
        return admin.queues().stream().map(QueueResource::view).toList();
    }

    /**
     * Pauses a queue on every node, persistently: no node claims its jobs until it is resumed;
     * jobs already running finish.
     *
     * @param name the queue, which need not have jobs yet
     * @return the queue, paused
     */
    @POST
    @Path("{name}/pause")
    @RolesAllowed(RoleCheck.ADMIN)
    @Operation(summary = "Pause a queue", description = "Cluster-wide and persisted: from the moment the pause"
            + " commits no node claims the queue's jobs; running jobs finish; enqueues are still accepted.")
    @APIResponse(responseCode = "200", description = "paused (also when it already was)")
    @APIResponse(responseCode = "400", description = "not a valid queue name")
    public QueueView pause(@PathParam("name") String name) {
        jobs.pauseQueue(JobOptions.validQueue("name", name));
        return view(admin.queue(name));
    }

    /**
     * Resumes a paused queue and wakes the workers of every node.
     *
     * @param name the queue
     * @return the queue, running
     */
    @POST
    @Path("{name}/resume")
    @RolesAllowed(RoleCheck.ADMIN)
    @Operation(summary = "Resume a paused queue")
    @APIResponse(responseCode = "200", description = "running (also when it was not paused)")
    @APIResponse(responseCode = "400", description = "not a valid queue name")
    public QueueView resume(@PathParam("name") String name) {
        jobs.resumeQueue(JobOptions.validQueue("name", name));
        return view(admin.queue(name));
    }

    private static QueueView view(JobsAdmin.QueueSummary q) {
        Map<String, Long> byStatus = new LinkedHashMap<>();
        q.counts().forEach((state, count) -> byStatus.put(state.name(), count));
        return new QueueView(q.name(), byStatus, ageSeconds(q.oldestDue(), q.readAt()), q.workers(), q.busy(),
                Math.max(0, q.workers() - q.busy()), q.paused());
    }

    /**
     * Seconds since {@code due}, to the millisecond, 0 for a time not yet passed: computed from the
     * duration's parts, which cannot overflow for any pair of instants (its milliseconds can,
     * for a run-at far in the past that no API would store but a row may still hold).
     */
    static Double ageSeconds(Instant due, Instant now) {
        if (due == null) {
            return null;
        }
        if (!due.isBefore(now)) {
            return 0.0;
        }
        Duration age = Duration.between(due, now);
        return age.getSeconds() + (age.getNano() / 1_000_000) / 1000.0;
    }
}
