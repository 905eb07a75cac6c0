package dev.eejobs.web;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** A refusal the API decides itself (unknown id, illegal state change), answered as a problem body. */
final class ApiProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final int status;
    final String field;

    private ApiProblem(int status, String detail, String field) {
        super(detail, null, false, false);
        this.status = status;
        this.field = field;
    }

    static ApiProblem badRequest(String field, String detail) {
        return new ApiProblem(400, field + ": " + detail, field);
    }

    static ApiProblem notFound(String field, String detail) {
        return new ApiProblem(404, detail, field);
    }

    /** Echoes refused input, cut short: a problem detail is not a place to reflect a whole request. */
    static String quoted(String text) {
        return text == null ? "null" : "'" + (text.length() > 60 ? text.substring(0, 60) + "…" : text) + "'";
    }

    static ApiProblem conflict(String detail) {
        return new ApiProblem(409, detail, "status");
    }

    /** Writes the problem; public only because JAX-RS instantiates providers. */
        public static class Mapper implements ExceptionMapper<ApiProblem> {
        @Override
        public Response toResponse(ApiProblem e) {
            return Problem.response(e.status, e.getMessage(), e.field);
        }
    }
}
