package dev.eejobs.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Error pages for refusals the servlet container makes before JAX-RS sees the request (a missing
 * login, a user in neither API role): the same problem bodies as the API's own. The jar's
 * {@code web-fragment.xml} points the 401 and 403 error pages of the whole application here, so
 * for paths outside the API (the embedding application's own) the answer stays a plain one; an
 * application maps its own error pages in its web.xml to replace these.
 */
@WebServlet("/eejobs-problem/*")
public class ProblemPages extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute("jakarta.servlet.error.status_code");
        int status = code instanceof Integer i ? i : 404;
        String detail = switch (status) {
            case 401 -> "the jobs API needs a login (HTTP Basic)";
            case 403 -> "this user has neither role of the jobs API (jobs-enqueue, jobs-admin)";
            default -> "no resource at this path";
        };
        String field = status == 401 || status == 403 ? "Authorization" : null;
        response.setStatus(status);
        if (!underApi(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI))) {
            response.setContentType("text/plain");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write(status + " " + Problem.title(status) + "\n");
            return;
        }
        response.setContentType(Problem.MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(Problem.of(status, detail, field).toJson());
    }

    /** @return whether the failed request was for the jobs API, wherever the application mapped it */
    private boolean underApi(Object uri) {
        return !(uri instanceof String path) || ApiPaths.contains(getServletContext().getContextPath(), path);
    }
}
