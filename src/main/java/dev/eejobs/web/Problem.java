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

    static Problem of(int status, String detail, String field) {
        String title = title(status);
        return new Problem("urn:eejobs:problem:" + title.toLowerCase().replace(' ', '-'), title, status, detail, field);
    }

    static Response response(Response.Status status, String detail, String field) {
        return response(status.getStatusCode(), detail, field);
    }

    static Response response(int status, String detail, String field) {
        return Response.status(status).type(MEDIA_TYPE).entity(of(status, detail, field)).build();
    }

    /** Titles for every status the API produces; the JAX-RS enum lacks some and words others oddly. */
    static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 409 -> "Conflict";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> {
                Response.Status known = Response.Status.fromStatusCode(status);
                yield known != null ? known.getReasonPhrase() : "HTTP " + status;
            }
        };
    }

    /** @return this problem as JSON, for writers outside JAX-RS (the servlet error pages) */
    String toJson() {
        StringBuilder json = new StringBuilder("{");
        json.append("\"type\":").append(quote(type)).append(",\"title\":").append(quote(title))
                .append(",\"status\":").append(status).append(",\"detail\":").append(quote(detail));
        if (field != null) {
            json.append(",\"field\":").append(quote(field));
        }
        return json.append('}').toString();
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
