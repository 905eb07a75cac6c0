package dev.eejobs.web;

import dev.eejobs.config.JobsConfig;
import dev.eejobs.api.Enqueued;
import dev.eejobs.api.InvalidJobException;
import dev.eejobs.api.JobBatch;
import dev.eejobs.api.JobId;
import dev.eejobs.api.JobOptions;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import dev.eejobs.api.JobInfo;
import dev.eejobs.api.JobQueue;
import dev.eejobs.api.JobState;
import dev.eejobs.engine.JobsAdmin;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Enqueue jobs over HTTP, look them up and list them, and move them through the operator's
 * transitions (retry a DEAD job, cancel a QUEUED or RUNNING one, delete a finished one), and read
 * a job's attempt history and log lines.
 */
@Path("jobs")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "jobs")
@SecurityRequirement(name = JobsApplication.BASIC)
@APIResponse(responseCode = "401", description = "no login")
@APIResponse(responseCode = "403", description = "the user lacks the role")
public class JobResource {

    /** Most jobs one request may enqueue; larger batches are split by the client. */
    static final int MAX_BATCH = 1_000;

    @Inject
    JobQueue jobs;

    @Inject
    JobsAdmin admin;

    @Inject
    HttpEnqueuePolicy policy;

    @Inject
    JobsConfig settings;

    /**
     * Enqueues a job of a type that opted in to HTTP enqueue.
     *
     * @param type the job type's name
     * @param delay wait before the job is due, e.g. {@code 30s}
     * @param runAt earliest run time, ISO-8601
     * @param queue queue override
     * @param priority priority override
     * @param maxRetries retry override, or {@code unlimited}
     * @param backoff backoff override, e.g. {@code fixed(30s)}
     * @param uniqueKey the job's unique key: while a job of the type with this key is QUEUED or
     *     RUNNING, no new job is stored and that job is returned
     * @param uniqueFor how long a SUCCEEDED job with the key still counts, e.g. {@code 1h}
     * @param timeout how long one attempt may run, e.g. {@code 30s}
     * @param after a job's id: the new job waits until that job succeeded (a continuation)
     * @param body the job's argument as JSON
     * @param uri the request URI, for the Location header
     * @return 202 with the new job, or 200 with the existing job holding the unique key
     */
    @POST
    @Path("{type}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(RoleCheck.ENQUEUE)
    @Operation(summary = "Enqueue a job", description = "The body is the job's argument. Only job types"
            + " annotated @BackgroundJob(httpEnqueue = true) are accepted.")
    @RequestBody(description = "the job's argument as JSON", required = true)
    @APIResponse(responseCode = "202", description = "stored; Location names the job")
    @APIResponse(responseCode = "200", description = "a duplicate: the existing job holding the unique key;"
            + " Location names it; nothing was stored")
    @APIResponse(responseCode = "400", description = "malformed JSON, an argument that does not fit, or a bad option")
    @APIResponse(responseCode = "404", description = "no job type of that name accepts HTTP enqueue")
    @APIResponse(responseCode = "413", description = "body over jobs.http.max-body")
    @APIResponse(responseCode = "415", description = "not application/json")
    @Transactional // the job is read back QUEUED before any worker can see it; commit wakes the workers
    public Response enqueue(@PathParam("type") String type,
            @Parameter(description = "e.g. 30s") @QueryParam("delay") String delay,
            @Parameter(description = "ISO-8601 instant") @QueryParam("runAt") String runAt,
            @QueryParam("queue") String queue, @QueryParam("priority") String priority,
            @Parameter(description = "whole number or unlimited") @QueryParam("maxRetries") String maxRetries,
            @Parameter(description = "e.g. exponential(2), fixed(30s)") @QueryParam("backoff") String backoff,
            @Parameter(description = "1-200 characters; a duplicate returns the active job with 200")
            @QueryParam("uniqueKey") String uniqueKey,
            @Parameter(description = "e.g. 1h: a SUCCEEDED job with the key still counts this long")
            @QueryParam("uniqueFor") String uniqueFor,
            @Parameter(description = "how long one attempt may run, e.g. 30s") @QueryParam("timeout") String timeout,
            @Parameter(description = "a job id: run only after that job succeeded (a continuation)")
            @QueryParam("after") String after,
            String body, @Context UriInfo uri) {
        policy.requireHttpEnqueue(type);
        var options = new UniqueParameters(uniqueKey, uniqueFor).applyTo(
                new EnqueueParameters(delay, runAt, queue, priority, maxRetries, backoff, timeout).toOptions());
        Enqueued enqueued = after == null ? jobs.submitJson(type, JsonBodies.argument(body), options)
                : new Enqueued(jobs.enqueueJsonAfter(parent(after), type, JsonBodies.argument(body), options), true);
        JobId id = enqueued.id();
        JobView view = jobs.find(id).map(this::view).orElseThrow();
        return Response.status(enqueued.created() ? Response.Status.ACCEPTED : Response.Status.OK).entity(view)
                .location(uri.getBaseUriBuilder().path("jobs").path(id.toString()).build()).build();
    }

    /**
     * Enqueues many jobs of one type in one transaction: all are stored, or none.
     *
     * @param type the job type's name
     * @param delay wait before the jobs are due
     * @param runAt earliest run time
     * @param queue queue override
     * @param priority priority override
     * @param maxRetries retry override
     * @param backoff backoff override
     * @param uniqueKey refused: a batch cannot share one unique key
     * @param timeout how long one attempt may run
     * @param onComplete a job type to run once every job of the batch finished
     * @param body a JSON array of arguments, one job each
     * @return 202 with the ids in argument order
     */
    @POST
    @Path("{type}/batch")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(RoleCheck.ENQUEUE)
    @Operation(summary = "Enqueue a batch", description = "A JSON array of arguments, at most 1000; the options"
            + " apply to every job. One refused argument (named arguments[i]) stores nothing.")
    @APIResponse(responseCode = "202", description = "all stored")
    @APIResponse(responseCode = "400", description = "a refused argument or option; nothing stored")
    @APIResponse(responseCode = "404", description = "no job type of that name accepts HTTP enqueue")
    public Response enqueueBatch(@PathParam("type") String type, @QueryParam("delay") String delay,
            @QueryParam("runAt") String runAt, @QueryParam("queue") String queue,
            @QueryParam("priority") String priority, @QueryParam("maxRetries") String maxRetries,
            @QueryParam("backoff") String backoff, @QueryParam("uniqueKey") String uniqueKey,
            @QueryParam("timeout") String timeout,
            @Parameter(description = "a job type to run once every job of the batch finished; the body is then"
                    + " {\"arguments\":[...],\"onComplete\":<its argument>}") @QueryParam("onComplete") String onComplete,
            String body) {
        policy.requireHttpEnqueue(type);
        if (uniqueKey != null) {
            throw ApiProblem.badRequest("uniqueKey", "one key for a whole batch would store only its first job;"
                    + " enqueue unique jobs one by one, or declare a derived key with @BackgroundJob(uniqueKey = ...)");
        }
        var options = new EnqueueParameters(delay, runAt, queue, priority, maxRetries, backoff, timeout).toOptions();
        if (onComplete != null) {
            return enqueueBatchWithCallback(type, options, onComplete, body);
        }
        List<String> arguments = JsonBodies.arrayElements(body, MAX_BATCH);
        if (arguments.isEmpty()) {
            throw ApiProblem.badRequest("body", "must hold 1 to " + MAX_BATCH + " arguments, held none");
        }
        List<JobId> ids = jobs.enqueueAllJson(type, arguments, options);
        return Response.accepted(new EnqueuedBatch(ids.stream().map(JobId::toString).toList(),
                JobState.QUEUED.name(), null)).build();
    }

    /** The batch form with an on-complete job: a JSON object of the arguments and the on-complete argument. */
    private Response enqueueBatchWithCallback(String type, JobOptions options, String onComplete, String body) {
        if (!admin.acceptsHttpEnqueue(onComplete)) {
            throw ApiProblem.badRequest("onComplete", "no job type named " + ApiProblem.quoted(onComplete)
                    + " accepts HTTP enqueue");
        }
        JsonObject request = JsonBodies.object(body);
        for (String key : request.keySet()) {
            if (!key.equals("arguments") && !key.equals("onComplete")) {
                throw ApiProblem.badRequest(key.matches("[A-Za-z0-9_.-]{1,60}") ? key : "body",
                        "is not a field of a batch with an on-complete job; known: arguments, onComplete");
            }
        }
        JsonValue arguments = request.get("arguments");
        if (arguments == null || arguments.getValueType() != JsonValue.ValueType.ARRAY
                || arguments.asJsonArray().isEmpty() || arguments.asJsonArray().size() > MAX_BATCH) {
            throw ApiProblem.badRequest("arguments", "must be an array of 1 to " + MAX_BATCH + " job arguments");
        }
        JsonValue last = request.get("onComplete");
        if (last == null || last.getValueType() == JsonValue.ValueType.NULL) {
            throw ApiProblem.badRequest("onComplete", "is missing from the body: the on-complete job's argument");
        }
        JobBatch batch = jobs.enqueueAllJson(type, arguments.asJsonArray().stream().map(JsonValue::toString).toList(),
                options, onComplete, last.toString());
        return Response.accepted(new EnqueuedBatch(batch.jobs().stream().map(JobId::toString).toList(),
                JobState.QUEUED.name(), batch.id().toString())).build();
    }

    private static JobId parent(String after) {
        try {
            return JobId.parse(after);
        } catch (InvalidJobException e) {
            throw new InvalidJobException("after", e.reason());
        }
    }

    /**
     * Counts the jobs a bulk action with the same filters would look at, for a confirmation.
     *
     * @param status only jobs in this state
     * @param type only jobs of this type
     * @param queue only jobs on this queue
     * @param olderThan only jobs enqueued before this ISO-8601 instant, or longer ago than this
     *     duration (e.g. {@code 1h})
     * @return {@code {"count": n}}
     */
    @GET
    @Path("count")
    @RolesAllowed(RoleCheck.ADMIN)
    @Operation(summary = "Count jobs", description = "With the filters of the list and of the bulk actions.")
    @APIResponse(responseCode = "200", description = "the count")
    @APIResponse(responseCode = "400", description = "a bad filter")
    public CountView count(@QueryParam("status") String status, @QueryParam("type") String type,
            @QueryParam("queue") String queue,
            @Parameter(description = "ISO-8601 instant, or a duration such as 1h") @QueryParam("olderThan")
            String olderThan) {
        BulkParameters selection = BulkParameters.of(status, type, queue, olderThan, java.time.Instant.now());
        return new CountView(jobs.count(selection.filter(), selection.enqueuedBefore()));
    }

    /**
     * @param id the job's id
     * @return the job
     */
    @GET
    @Path("{id}")
    @RolesAllowed(RoleCheck.ADMIN)
    @Operation(summary = "Look a job up")
    @APIResponse(responseCode = "200", description = "the job")
    @APIResponse(responseCode = "404", description = "no such job (or it was pruned)")
    public JobView get(@PathParam("id") String id) {
        return view(existing(id));
    }

    /**
     * @param status only jobs in this state
     * @param type only jobs of this type
     * @param queue only jobs on this queue
     * @param limit page size, 1-200
     * @param cursor the previous page's {@code next}
     * @return one page, newest first
     */
    @GET
    @RolesAllowed(RoleCheck.ADMIN)
    @Operation(summary = "List jobs", description = "Newest first, one page at a time; follow 'next'.")
    @APIResponse(responseCode = "200", description = "a page")
    @APIResponse(responseCode = "400", description = "a bad filter, limit or cursor")
    public JobPage list(@QueryParam("status") String status, @QueryParam("type") String type,
            @QueryParam("queue") String queue,
            @Parameter(description = "1-200, default 50") @QueryParam("limit") String limit,
            @Parameter(description = "the 'next' of the previous page") @QueryParam("cursor") String cursor) {
        ListParameters query = ListParameters.of(status, type, queue, limit, cursor);
        List<JobInfo> found = admin.list(query.filter(), query.beforeId(), query.limit() + 1);
        boolean more = found.size() > query.limit();
        List<JobInfo> page = more ? found.subList(0, query.limit()) : found;
        String next = more ? JobCursor.encode(page.get(page.size() - 1).id().value(), query.filter()) : null;
        return new JobPage(page.stream().map(this::view).toList(), next);
    }

    /**
     * @param id a DEAD job's id
     * @return the job, QUEUED again with a fresh set of retries
     */
    @POST
    @Path("{id}/retry")
    @RolesAllowed(RoleCheck.ADMIN)
    @Operation(summary = "Retry a DEAD job")
    @APIResponse(responseCode = "200", description = "QUEUED again")
    @APIResponse(responseCode = "404", description = "no such job")
    @APIResponse(responseCode = "409", description = "the job is not DEAD, or another job holds its unique key")
    public JobView retry(@PathParam("id") String id) {
        JobId jobId = existing(id).id();
        if (!jobs.retry(jobId)) {
            JobInfo now = existing(id);
            if (now.state() == JobState.DEAD) { // still DEAD: its unique key is taken
                throw ApiProblem.conflict("job " + id + " is DEAD with unique key " + ApiProblem.quoted(now.uniqueKey())
                        + ", which another active job of its type holds; it can be retried once that job ends");
            }
            throw ApiProblem.conflict("job " + id + " is " + now.state() + ": only a DEAD job can be retried");
        }
        return view(existing(id));
    }

    /**
     * @param id a QUEUED or RUNNING job's id
     * @return 200 with the job CANCELLED (it was QUEUED), or 202 with {@code cancelRequested} true
     *     (it was RUNNING): its node stops it within a heartbeat and it ends CANCELLED; the view is
     *     RUNNING, or already CANCELLED when the node was quick
     */
    @POST
    @Path("{id}/cancel")
    @RolesAllowed(RoleCheck.ADMIN)
    @Operation(summary = "Cancel a job", description = "A QUEUED job (due, scheduled or waiting to retry) or a"
            + " WAITING continuation is CANCELLED at once (200), its waiting continuations with it. For a RUNNING job"
            + " a cancel request is stored (202): the node running it interrupts it within a heartbeat and it ends"
            + " CANCELLED, never retried.")
    @APIResponse(responseCode = "200", description = "CANCELLED")
    @APIResponse(responseCode = "202", description = "it was RUNNING: cancelRequested, it ends CANCELLED once stopped")
    @APIResponse(responseCode = "404", description = "no such job")
    @APIResponse(responseCode = "409", description = "the job already finished")
    public Response cancel(@PathParam("id") String id) {
        JobId jobId = existing(id).id();
        if (!jobs.cancel(jobId)) {
            JobInfo now = existing(id);
            throw ApiProblem.conflict("job " + id + " is " + now.state()
                    + ": only a QUEUED, WAITING or RUNNING job can be cancelled");
        }
        // a request on a running job is accepted (202) even if its node already stopped it: on this
        // node that happens as soon as the request commits
        JobInfo now = existing(id);
        return (now.cancelRequested() ? Response.accepted() : Response.ok()).entity(view(now)).build();
    }

    /**
     * @param id a job's id
     * @return its finished attempts, oldest first
     */
    @GET
    @Path("{id}/attempts")
    @RolesAllowed(RoleCheck.ADMIN)
    @Operation(summary = "A job's attempt history", description = "Every counted attempt, oldest first: node,"
            + " times, outcome (SUCCEEDED, FAILED, TIMED_OUT, CANCELLED, LEASE_EXPIRED), error and trace.")
    @APIResponse(responseCode = "200", description = "the attempts")
    @APIResponse(responseCode = "404", description = "no such job")
    public List<AttemptView> attempts(@PathParam("id") String id) {
        ErrorDetail detail = ErrorDetail.of(settings.httpErrorDetail());
        return jobs.attempts(existing(id).id()).stream().map(a -> AttemptView.of(a, detail)).toList();
    }

    /**
     * @param id a job's id
     * @return the lines it logged, oldest first
     */
    @GET
    @Path("{id}/log")
    @RolesAllowed(RoleCheck.ADMIN)
    @Operation(summary = "A job's log lines", description = "Lines the job wrote with JobContext.log, oldest"
            + " first, each with its attempt; a running attempt's lines appear within a heartbeat.")
    @APIResponse(responseCode = "200", description = "the lines")
    @APIResponse(responseCode = "404", description = "no such job")
    public List<LogLineView> log(@PathParam("id") String id) {
        return jobs.log(existing(id).id()).stream().map(LogLineView::of).toList();
    }

    /**
     * @param id a finished job's id
     * @return 204
     */
    @DELETE
    @Path("{id}")
    @RolesAllowed(RoleCheck.ADMIN)
    @Operation(summary = "Delete a finished job (SUCCEEDED, DEAD or CANCELLED)")
    @APIResponse(responseCode = "204", description = "deleted")
    @APIResponse(responseCode = "404", description = "no such job")
    @APIResponse(responseCode = "409", description = "the job is QUEUED or RUNNING")
    public Response delete(@PathParam("id") String id) {
        JobInfo job = existing(id);
        if (!admin.deleteFinished(job.id().value())) {
            JobInfo now = existing(id);
            throw ApiProblem.conflict("job " + id + " is " + now.state()
                    + ": only a SUCCEEDED, DEAD or CANCELLED job can be deleted; cancel it first");
        }
        return Response.noContent().build();
    }

    private JobView view(JobInfo job) {
        return JobView.of(job, ErrorDetail.of(settings.httpErrorDetail()));
    }

    private JobInfo existing(String id) {
        return jobs.find(JobId.parse(id))
                .orElseThrow(() -> ApiProblem.notFound("id", "no job with id " + id));
    }
}
