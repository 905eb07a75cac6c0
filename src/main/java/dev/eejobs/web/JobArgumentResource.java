package dev.eejobs.web;

import dev.eejobs.api.JobId;
import dev.eejobs.api.JobQueue;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.StringReader;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A job's argument, on its own path: the job view (and so every listing) leaves it out, as an
 * argument may be up to {@code jobs.max-payload} bytes.
 */
@Path("jobs/{id}/argument")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "jobs")
@SecurityRequirement(name = JobsApplication.BASIC)
public class JobArgumentResource {

    @Inject
    JobQueue jobs;

    /**
     * @param id the job's id
     * @return the argument as stored (JSON), or as a JSON string if the stored text is not JSON
     */
    @GET
    @RolesAllowed(RoleCheck.ADMIN)
    @Operation(summary = "A job's argument")
    @APIResponse(responseCode = "200", description = "the argument")
    @APIResponse(responseCode = "404", description = "no such job")
    public JsonValue argument(@PathParam("id") String id) {
        String json = jobs.find(JobId.parse(id))
                .orElseThrow(() -> ApiProblem.notFound("id", "no job with id " + id)).argumentJson();
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readValue();
        } catch (JsonException | IllegalStateException e) {
            return Json.createValue(json); // a row edited into something unreadable still shows
        }
    }
}
