package example.shop;

import dev.eejobs.api.BackgroundJob;
import dev.eejobs.api.JobQueue;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;

/** The shop's own resource; its errors are the shop's business, not the jobs module's. */
@Path("orders")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class OrderResource {

    @Inject
    Orders orders;

    @Inject
    Mailer mailer;

    @Inject
    JobQueue jobs;

    @POST
    @Path("{id}")
    public Response place(@PathParam("id") String id, @QueryParam("fail") boolean fail,
            @QueryParam("delayMillis") Long delayMillis) {
        try {
            var job = orders.place(id, "ada", fail, delayMillis == null ? null : Duration.ofMillis(delayMillis));
            return Response.ok(Json.createObjectBuilder().add("job", job.toString()).build().toString()).build();
        } catch (Orders.PlacementFailed e) {
            return Response.status(409).entity(Json.createObjectBuilder().add("job", e.job.toString())
                    .build().toString()).build();
        }
    }

    @POST
    @Path("{id}/broken")
    public String broken(@PathParam("id") String id) {
        return Json.createObjectBuilder().add("job", jobs.enqueue(BrokenJob.class, new OrderPlaced(id)).toString())
                .build().toString();
    }

    @GET
    @Path("{id}")
    public String get(@PathParam("id") String id) {
        Order order = orders.find(id);
        return Json.createObjectBuilder().add("stored", order != null)
                .add("mailsSent", order == null ? 0 : order.mailsSent)
                .add("mailerCount", mailer.sentFor(id)).build().toString();
    }

    /** Fails on purpose: the shop's own unmapped exception must reach the shop's client unchanged by the module. */
    @GET
    @Path("boom")
    public String boom() {
        throw new UnsupportedOperationException("shop failure");
    }

    static String jobName(Class<?> type) {
        return type.getAnnotation(BackgroundJob.class).name();
    }
}
