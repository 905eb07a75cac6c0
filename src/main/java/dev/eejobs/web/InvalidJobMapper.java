package dev.eejobs.web;

import dev.eejobs.api.InvalidJobException;
import jakarta.ws.rs.ext.ExceptionMapper;

/** Refused input becomes a 400 naming the field, or a 404 for an unknown job type. */
public class InvalidJobMapper implements ExceptionMapper<InvalidJobException> {

    @Override
    public jakarta.ws.rs.core.Response toResponse(InvalidJobException e) {
        int status = e.field().equals("type") ? 404 : 400;
        return Problem.response(status, e.getMessage(), e.field());
    }
}
