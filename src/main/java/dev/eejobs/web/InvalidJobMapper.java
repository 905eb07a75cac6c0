package dev.eejobs.web;

import dev.eejobs.api.InvalidJobException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Refused input becomes a 400 naming the field, or a 404 for an unknown job type. */
@Provider
public class InvalidJobMapper implements ExceptionMapper<InvalidJobException> {

    @Override
    public Response toResponse(InvalidJobException e) {
        Response.Status status = e.field().equals("type") ? Response.Status.NOT_FOUND : Response.Status.BAD_REQUEST;
        return Problem.response(status, e.getMessage(), e.field());
    }
}
