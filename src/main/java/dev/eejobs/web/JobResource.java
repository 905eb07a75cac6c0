package dev.eejobs.web;

import dev.eejobs.api.DurationText;
import dev.eejobs.api.InvalidJobException;
import dev.eejobs.api.JobId;
import dev.eejobs.api.JobOptions;
import dev.eejobs.api.JobQueue;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;

/** Enqueue a job over HTTP and look it up. */
@Path("jobs")
@RequestScoped
public class JobResource {

    @Inject
    JobQueue jobs;

    @Inject
    HttpEnqueuePolicy policy;

    /**
     * Enqueues a job of a type that opted in to HTTP enqueue.
     *
     * @param type the job type's name
     * @param delay optional wait before the job is due, e.g. {@code 30s}
     * @param queue optional queue override
     * @param body the job's argument as JSON
     * @param uri the request URI, for the Location header
     * @return 202 with the job's id and status
     */
    @POST
    @Path("{type}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response enqueue(@PathParam("type") String type, @QueryParam("delay") String delay,
            @QueryParam("queue") String queue, String body, @Context UriInfo uri) {
        policy.requireHttpEnqueue(type);
        JobOptions options = JobOptions.defaults();
        if (delay != null) {
            options = options.delay(DurationText.parse("delay", delay));
        }
        if (queue != null) {
            options = options.queue(queue);
        }
        JobId id = jobs.enqueueJson(type, body, options);
        JobView view = jobs.find(id).map(JobView::of).orElseThrow();
        return Response.accepted(view)
                .location(uri.getBaseUriBuilder().path("jobs").path(id.toString()).build())
                .build();
    }

    /**
     * @param id the job's id
     * @return the job, or 404
     */
    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response get(@PathParam("id") String id) {
        return jobs.find(JobId.parse(id))
                .map(job -> Response.ok(JobView.of(job)).build())
                .orElseGet(() -> Problem.response(Response.Status.NOT_FOUND, "no job with id " + id, "id"));
    }
}
