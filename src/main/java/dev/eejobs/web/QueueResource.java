package dev.eejobs.web;

import dev.eejobs.api.JobState;
import dev.eejobs.config.EngineClock;
import dev.eejobs.engine.EngineStatus;
import dev.eejobs.engine.JobSupervisor;
import dev.eejobs.store.JobQueries;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
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
    JobQueries queries;

    @Inject
    JobSupervisor supervisor;

    @Inject
    @EngineClock
    Clock clock;

    /** @return the queues by name */
    @GET
    @RolesAllowed(RoleCheck.ADMIN)
    @Operation(summary = "List queues", description = "Counts by status and the oldest due job's age come from"
            + " the database (all nodes); workers, busy and idle are this node's.")
    @APIResponse(responseCode = "200", description = "the queues")
    public List<QueueView> list() {
        Instant now = clock.instant();
        Map<String, Map<JobState, Long>> counts = queries.countsByQueue();
        Map<String, Instant> oldest = queries.oldestDueByQueue(now);
        Map<String, EngineStatus.Queue> local = new LinkedHashMap<>();
        supervisor.status().queues().forEach(q -> local.put(q.name(), q));
        TreeSet<String> names = new TreeSet<>(counts.keySet());
        names.addAll(local.keySet());
        return names.stream().map(name -> {
            Map<String, Long> byStatus = new LinkedHashMap<>();
            for (JobState state : JobState.values()) {
                byStatus.put(state.name(), counts.getOrDefault(name, Map.of()).getOrDefault(state, 0L));
            }
            Double age = ageSeconds(oldest.get(name), now);
            EngineStatus.Queue workers = local.getOrDefault(name, new EngineStatus.Queue(name, 0, 0));
            return new QueueView(name, byStatus, age, workers.workers(), workers.busy(),
                    Math.max(0, workers.workers() - workers.busy()));
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
