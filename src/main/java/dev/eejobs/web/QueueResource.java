package dev.eejobs.web;

import dev.eejobs.engine.JobsAdmin;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
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

/** Every queue with jobs in the database or workers on this node. */
@Path("queues")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "queues")
@SecurityRequirement(name = JobsApplication.BASIC)
public class QueueResource {

    @Inject
    JobsAdmin admin;

    /** @return the queues by name */
    @GET
    @RolesAllowed(RoleCheck.ADMIN)
    @Operation(summary = "List queues", description = "Counts by status and the oldest due job's age come from"
            + " the database (all nodes); workers, busy and idle are this node's.")
    @APIResponse(responseCode = "200", description = "the queues")
    public List<QueueView> list() {
        return admin.queues().stream().map(q -> {
            Map<String, Long> byStatus = new LinkedHashMap<>();
            q.counts().forEach((state, count) -> byStatus.put(state.name(), count));
            return new QueueView(q.name(), byStatus, ageSeconds(q.oldestDue(), q.readAt()), q.workers(), q.busy(),
                    Math.max(0, q.workers() - q.busy()));
        }).toList();
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
