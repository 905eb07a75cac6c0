package org.acme.signup;

import dev.eejobs.api.JobQueue;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** Signs a user up: the welcome mail is enqueued in the same transaction as the signup. */
@Path("signups")
@RequestScoped
public class SignupResource {

    @Inject
    JobQueue jobs;

    @Inject
    Mailer mailer;

    /** @return the job's id; with {@code fail=true} the transaction rolls back after the enqueue */
    @POST
    @Path("{email}")
    @Produces(MediaType.TEXT_PLAIN)
    @Transactional
    public String signUp(@PathParam("email") String email, @QueryParam("fail") boolean fail) {
        String id = jobs.enqueue(SendWelcomeMail.class, new Signup(email)).toString();
        if (fail) {
            throw new WebApplicationException(Response.status(409).entity(id).type(MediaType.TEXT_PLAIN).build());
        }
        return id;
    }

    @GET
    @Path("welcomed")
    @Produces(MediaType.APPLICATION_JSON)
    public List<String> welcomed() {
        return mailer.welcomed();
    }
}
