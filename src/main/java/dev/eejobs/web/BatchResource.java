package dev.eejobs.web;

import dev.eejobs.api.JobId;
import dev.eejobs.api.JobInfo;
import dev.eejobs.api.JobQueue;
import dev.eejobs.api.JobState;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.EnumMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Batches stored with an on-complete job: how far each has come. */
@Path("batches")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "jobs")
@SecurityRequirement(name = JobsApplication.BASIC)
public class BatchResource {

    @Inject
    JobQueue jobs;

    /**
     * A batch's progress.
     *
     * @param id the batch's id (its on-complete job's id)
     * @param counts the batch's jobs by state, every state present
     * @param total how many jobs the batch holds (as long as none was pruned)
     * @param finished whether every job of the batch is SUCCEEDED, DEAD or CANCELLED
     * @param onCompleteStatus the on-complete job's state: WAITING until the batch finished
     */
    public record BatchView(String id, Map<JobState, Long> counts, long total, boolean finished,
            String onCompleteStatus) {}

    /**
     * @param id the batch's id
     * @return the batch's counts and its on-complete job's state
     */
    @GET
    @Path("{id}")
    @RolesAllowed(RoleCheck.ADMIN)
    @Operation(summary = "A batch's progress: its jobs by state and its on-complete job's state")
    @APIResponse(responseCode = "200", description = "the batch")
    @APIResponse(responseCode = "404", description = "no batch with that id")
    public BatchView get(@PathParam("id") String id) {
        JobId batch = JobId.parse(id);
        JobInfo onComplete = jobs.find(batch).filter(j -> j.batchId() != null && j.batchId() == batch.value())
                .orElseThrow(() -> ApiProblem.notFound("id", "no batch with id " + id));
        Map<JobState, Long> counts = new EnumMap<>(JobState.class);
        for (JobState state : JobState.values()) {
            counts.put(state, 0L);
        }
        counts.putAll(jobs.batchCounts(batch));
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        long unfinished = counts.entrySet().stream().filter(e -> !e.getKey().isFinal())
                .mapToLong(Map.Entry::getValue).sum();
        return new BatchView(id, counts, total, unfinished == 0, onComplete.state().name());
    }
}
