package dev.eejobs.web;

import jakarta.ws.rs.core.Response;

/**
 * An RFC 9457 problem body.
 *
 * @param type a URI naming the problem kind
 * @param title short summary of the kind
 * @param status the HTTP status
 * @param detail what went wrong with this request
 * @param field the request field at fault, or null
 */
public record Problem(String type, String title, int status, String detail, String field) {

    static final String MEDIA_TYPE = "application/problem+json";

    static Response response(Response.Status status, String detail, String field) {
        String kind = status.getReasonPhrase().toLowerCase().replace(' ', '-');
        return Response.status(status)
                .type(MEDIA_TYPE)
                .entity(new Problem("urn:eejobs:problem:" + kind, status.getReasonPhrase(), status.getStatusCode(),
                        detail, field))
                .build();
    }
}
