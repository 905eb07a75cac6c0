package dev.eejobs.web;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The last line: whatever escapes a resource is logged with an incident id, and the client gets
 * a 500 problem with that id and no stack trace.
 */
public class UnexpectedErrorMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedErrorMapper.class.getName());

    @Override
    public Response toResponse(Throwable e) {
        if (e instanceof WebApplicationException w) {
            return new HttpProblemMapper().toResponse(w);
        }
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "eejobs API incident " + incident, e);
        return Problem.response(500, "unexpected error; incident " + incident + " is in the server log", null);
    }
}
