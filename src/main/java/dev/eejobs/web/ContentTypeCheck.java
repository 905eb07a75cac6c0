package dev.eejobs.web;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

/**
 * The request's {@code Content-Type}, checked before the body is read: 415 when a method that
 * takes a body gets none (the runtime would otherwise read it as anything), when the header is
 * not a media type at all (the runtime's matching would fail with its own error page), or when it
 * names a character set other than UTF-8 (JSON is UTF-8).
 */
final class ContentTypeCheck {

    static final String DETAIL = "send the body as application/json (UTF-8)";

    private ContentTypeCheck() {}

    static jakarta.ws.rs.core.Response refusal(String why) {
        return Problem.response(415, why + "; " + DETAIL, HttpHeaders.CONTENT_TYPE);
    }

    /** A header that is not one media type, or names another charset; runs before resource matching. */
    @PreMatching
    @Priority(Priorities.HEADER_DECORATOR)
    public static class Malformed implements ContainerRequestFilter {
        @Override
        public void filter(ContainerRequestContext request) {
            String raw = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
            if (raw == null) {
                return;
            }
            MediaType type;
            try {
                type = MediaType.valueOf(raw.trim());
            } catch (IllegalArgumentException e) {
                request.abortWith(refusal("Content-Type is not a media type"));
                return;
            }
            String charset = type.getParameters().get(MediaType.CHARSET_PARAMETER);
            if (charset != null && !charset.equalsIgnoreCase("UTF-8") && !charset.equalsIgnoreCase("UTF8")) {
                request.abortWith(refusal("the body must be UTF-8, not " + ApiProblem.quoted(charset)));
            }
        }
    }

    /** No header where this module's method takes a body; runs after the role check. */
    @Priority(Priorities.HEADER_DECORATOR)
    public static class Missing implements ContainerRequestFilter {
        @Context
        ResourceInfo resource;

        @Override
        public void filter(ContainerRequestContext request) {
            if (resource == null || resource.getResourceMethod() == null
                    || !resource.getResourceClass().getPackageName().equals(Missing.class.getPackageName())) {
                return; // not ours
            }
            boolean takesBody = resource.getResourceMethod().isAnnotationPresent(Consumes.class)
                    || resource.getResourceClass().isAnnotationPresent(Consumes.class);
            if (takesBody && request.getHeaderString(HttpHeaders.CONTENT_TYPE) == null) {
                request.abortWith(refusal("Content-Type is missing"));
            }
        }
    }
}
