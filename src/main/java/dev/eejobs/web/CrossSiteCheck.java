package dev.eejobs.web;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Cross-site request forgery guard of the API's state-changing calls. A browser sends the stored
 * Basic credentials (or session cookie) with any request to the server, also one that another
 * site's page makes with a form; so a state-changing call (anything but GET, HEAD and OPTIONS)
 * made by a browser must carry the header {@value #HEADER} and come from the same origin. A page
 * of another origin can send neither: a form cannot set a header, and a script that sets one needs
 * a CORS preflight this API never grants. Browsers are recognised by what every current browser
 * sends and plain HTTP clients (curl, server-to-server callers) do not: {@code Sec-Fetch-Site},
 * {@code Origin}, {@code Referer} or a {@code Cookie}; those clients are left alone, as the login
 * already protects them. Refusals are 403 problems naming the header.
 *
 * <p>Every answer of the API also gets {@code X-Content-Type-Options: nosniff}, so a browser never
 * renders a JSON body as something else.
 */
@Priority(Priorities.AUTHENTICATION + 10)
public class CrossSiteCheck implements ContainerRequestFilter, ContainerResponseFilter {

    /** The header the dashboard sends with every state-changing call; any value but empty. */
    static final String HEADER = "X-Jobs-Request";

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!RoleCheck.isModuleMethod(resource) || SAFE.contains(request.getMethod())) {
            return;
        }
        String refusal = refusal(request.getHeaderString("Sec-Fetch-Site"), request.getHeaderString("Origin"),
                request.getHeaderString("Referer"), request.getHeaderString("Cookie"),
                request.getHeaderString(HEADER), request.getHeaderString("Host"),
                request.getHeaderString("X-Forwarded-Host"));
        if (refusal != null) {
            request.abortWith(Problem.response(403, refusal, HEADER));
        }
    }

    /**
     * @return why the request is refused, or null if it may go on
     */
    static String refusal(String fetchSite, String origin, String referer, String cookie, String marker,
            String host, String forwardedHost) {
        boolean browser = fetchSite != null || origin != null || referer != null || cookie != null;
        if (!browser) {
            return null;
        }
        if (marker == null || marker.isBlank()) {
            return "a state-changing call from a browser must carry the header " + HEADER
                    + ": 1 and come from the same origin (cross-site request refused)";
        }
        if (fetchSite != null && !fetchSite.trim().toLowerCase(Locale.ROOT).equals("same-origin")) {
            return "a state-changing call from a browser must come from the same origin; Sec-Fetch-Site was "
                    + ApiProblem.quoted(fetchSite) + " (" + HEADER + " alone is not enough)";
        }
        String from = origin != null && !"null".equals(origin) ? origin : referer;
        if (origin != null && "null".equals(origin)) {
            return "a state-changing call from an opaque origin (Origin: null) is refused; " + HEADER
                    + " must come from a page of this server";
        }
        if (from != null && !sameAuthority(from, host, forwardedHost)) {
            return "a state-changing call from a browser must come from the same origin; it came from "
                    + ApiProblem.quoted(authority(from)) + " (" + HEADER + " alone is not enough)";
        }
        return null;
    }

    private static boolean sameAuthority(String url, String host, String forwardedHost) {
        String from = authority(url);
        return from != null && (from.equalsIgnoreCase(trim(host)) || from.equalsIgnoreCase(trim(forwardedHost)));
    }

    private static String trim(String header) {
        if (header == null) {
            return null;
        }
        int comma = header.indexOf(','); // a proxy chain: the first is the client's
        return (comma < 0 ? header : header.substring(0, comma)).trim();
    }

    /** @return {@code host[:port]} of a URL as a browser writes it in Host (no default port), or null */
    static String authority(String url) {
        try {
            URI uri = URI.create(url.trim());
            if (uri.getHost() == null) {
                return null;
            }
            int port = uri.getPort();
            boolean defaultPort = port == -1 || ("http".equalsIgnoreCase(uri.getScheme()) && port == 80)
                    || ("https".equalsIgnoreCase(uri.getScheme()) && port == 443);
            String host = uri.getHost().contains(":") && !uri.getHost().startsWith("[") ? "[" + uri.getHost() + "]"
                    : uri.getHost();
            return defaultPort ? host : host + ":" + port;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        response.getHeaders().putSingle("X-Content-Type-Options", "nosniff");
    }
}
