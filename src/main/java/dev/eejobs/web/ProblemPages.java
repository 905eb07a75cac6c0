package dev.eejobs.web;

import jakarta.servlet.RequestDispatcher;
import dev.eejobs.observability.ApiServing;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Error pages for refusals the servlet container makes itself, before or around JAX-RS: a missing
 * login, a user in neither API role, a path no servlet serves, a request the runtime could not
 * parse, an exception that escaped: the same problem bodies as the API's own. The jar's
 * {@code web-fragment.xml} points the error pages of the whole application here, so for paths
 * outside the API (the embedding application's own) the answer stays a plain line of text; an
 * application maps its own error pages in its web.xml to replace these.
 *
 * <p>It also marks the API as serving: it starts after the JAX-RS application (whose servlet
 * loads first where the web descriptor says so), so readiness waits until the API answers instead
 * of racing its initialisation. Before that, it prepares Payara's error-page dispatch, whose lazy
 * setup races under concurrent refusals ({@link PayaraErrorPageWarmup}).
 */
@WebServlet(urlPatterns = "/eejobs-problem/*", loadOnStartup = ProblemPages.LOAD_ORDER)
public class ProblemPages extends HttpServlet {

    /** After the JAX-RS application's servlet, which the web descriptor loads first ({@code load-on-startup} 1). */
    static final int LOAD_ORDER = 2;

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(ProblemPages.class.getName());

    @Inject
    transient ApiServing api;

    @Override
    public void init() {
        PayaraErrorPageWarmup.prepare(getServletContext());
        if (api != null) {
            api.markServing();
        }
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute("jakarta.servlet.error.status_code");
        int status = code instanceof Integer i && i >= 400 && i <= 599 ? i : 404;
        Object failure = request.getAttribute("jakarta.servlet.error.exception");
        boolean badCredentials = failure != null && BasicCredentials.malformed(request.getHeader("Authorization"));
        if (badCredentials) { // the login mechanism threw on them (WildFly): a refused login, not an incident
            status = HttpServletResponse.SC_UNAUTHORIZED;
            failure = null;
            if (!response.isCommitted()) {
                response.setHeader("WWW-Authenticate", "Basic realm=\"eejobs\"");
            }
        }
        if (!underApi(request)) {
            if (!response.isCommitted()) { // the application's own path: its failure is its business
                response.resetBuffer();
                response.setStatus(status);
                response.setContentType("text/plain");
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                response.getWriter().write(status + " " + Problem.title(status) + "\n");
            }
            return;
        }
        String detail = badCredentials ? BasicCredentials.DETAIL : detail(status);
        if (failure instanceof Throwable t) {
            String incident = UUID.randomUUID().toString();
            LOG.log(Level.SEVERE, "eejobs API incident " + incident, t);
            detail = "unexpected error; incident " + incident + " is in the server log";
        }
        String contentType = request.getHeader("Content-Type");
        if (status == 400 && contentType != null && !isMediaType(contentType)) {
            detail = "Content-Type is not a media type; " + ContentTypeCheck.DETAIL;
        }
        String field = detail.startsWith("Content-Type") ? "Content-Type" : switch (status) {
            case 401, 403 -> "Authorization";
            case 413 -> "body";
            case 414 -> "URI";
            case 415 -> "Content-Type";
            default -> null;
        };
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType(Problem.MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (!"HEAD".equals(request.getMethod())) {
            response.getWriter().write(Problem.of(status, detail, field).toJson());
        }
    }

    private static boolean isMediaType(String text) {
        try {
            MediaType.valueOf(text.trim());
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Fixed texts: the container's own messages may name its internals. */
    static String detail(int status) {
        return switch (status) {
            case 400 -> "the request is malformed: check its URI, headers and body";
            case 401 -> "the jobs API needs a login (HTTP Basic)";
            case 403 -> "this user has no role of the jobs API (jobs-enqueue, jobs-admin, jobs-viewer)";
            case 404 -> "no resource at this path";
            case 405 -> "this method is not allowed here";
            case 406 -> "the API answers application/json only";
            case 408 -> "the request took too long to arrive";
            case 413 -> "the request body is too large";
            case 414 -> "the URI is too long";
            case 415 -> ContentTypeCheck.DETAIL;
            case 431 -> "the request's headers are too large";
            case 503 -> "the service is not available right now; try again later";
            default -> status >= 500 ? "the request could not be processed" : "the request was refused";
        };
    }

    /**
     * @return whether the failed request was for the jobs API, wherever the application mapped it:
     *         the container says which servlet it mapped the request to (a refused login included);
     *         where it names none, the request URI is compared as the container maps it
     */
    private boolean underApi(HttpServletRequest request) {
        if (JobsApplication.class.getName().equals(request.getAttribute(RequestDispatcher.ERROR_SERVLET_NAME))) {
            return true;
        }
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        return !(uri instanceof String path) || ApiPaths.contains(getServletContext().getContextPath(), path);
    }
}
