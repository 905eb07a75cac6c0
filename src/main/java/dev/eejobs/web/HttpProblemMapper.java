package dev.eejobs.web;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * Keeps the status of every JAX-RS exception (no matching resource 404, wrong method 405, wrong
 * media type 415, too large 413) but answers with a problem body instead of the runtime's page.
 */
public class HttpProblemMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException e) {
        Response original = e.getResponse();
        int status = original == null ? 500 : original.getStatus();
        if (original != null && Problem.MEDIA_TYPE.equals(String.valueOf(original.getMediaType()))
                && original.hasEntity()) {
            return original;
        }
        Response.ResponseBuilder problem = Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(status, detail(status, e), field(status)));
        if (original != null) {
            copy(original, problem, HttpHeaders.ALLOW);
            copy(original, problem, HttpHeaders.WWW_AUTHENTICATE);
        }
        return problem.build();
    }

    private static void copy(Response from, Response.ResponseBuilder to, String header) {
        Object value = from.getHeaders().getFirst(header);
        if (value != null) {
            to.header(header, value);
        }
    }

    /** Runtime messages can name internal classes, so the client gets a fixed text per status. */
    private static String detail(int status, WebApplicationException e) {
        return switch (status) {
            case 400 -> "the request is malformed: check its URI, headers and body";
            case 401 -> "the jobs API needs a login (HTTP Basic)";
            case 403 -> "this needs a role the user does not have: jobs-enqueue to enqueue, jobs-admin for the rest";
            case 404 -> "no resource at this path";
            case 405 -> "this method is not allowed here";
            case 406 -> "the API answers application/json only";
            case 413 -> e.getMessage() == null ? "the request body is too large" : e.getMessage();
            case 415 -> "send the body as application/json";
            default -> status >= 500 ? "the request could not be processed" : "the request was refused";
        };
    }

    private static String field(int status) {
        return switch (status) {
            case 401, 403 -> "Authorization";
            case 413 -> "body";
            case 415 -> "Content-Type";
            case 406 -> "Accept";
            default -> null;
        };
    }
}
