package dev.eejobs.web;

import dev.eejobs.engine.JobsAdmin;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The last line: whatever escapes a resource is logged with an incident id, and the client gets
 * a 500 problem with that id and no stack trace — unless the database is out of reach, which is
 * no incident but the service's state for a while: 503 with {@code Retry-After}, logged in one
 * line (an outage under load would otherwise write a stack trace per request).
 */
public class UnexpectedErrorMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedErrorMapper.class.getName());

    /** Seconds a client is asked to wait before retrying while the database is out of reach. */
    static final int RETRY_AFTER_SECONDS = 5;

    static final String UNREACHABLE = "the jobs database is not reachable right now; try again in a few seconds";

    @Override
    public Response toResponse(Throwable e) {
        if (e instanceof WebApplicationException w) {
            return new HttpProblemMapper().toResponse(w);
        }
        if (JobsAdmin.databaseUnreachable(e)) {
            LOG.warning(() -> "eejobs API: answered 503, the jobs database is not reachable: " + rootCause(e));
            return Response.fromResponse(Problem.response(503, UNREACHABLE, null))
                    .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).build();
        }
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "eejobs API incident " + incident, e);
        return Problem.response(500, "unexpected error; incident " + incident + " is in the server log", null);
    }

    private static String rootCause(Throwable e) {
        Throwable root = e;
        for (int depth = 0; depth < 50 && root.getCause() != null && root.getCause() != root; depth++) {
            root = root.getCause();
        }
        return root.getClass().getName() + ": " + root.getMessage();
    }
}
