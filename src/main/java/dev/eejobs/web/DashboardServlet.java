package dev.eejobs.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The dashboard's files, served from the jar (package {@code dev/eejobs/web/ui}, not
 * {@code META-INF/resources}, which the container would serve past this servlet's security rule):
 * the page, its ES modules and its style sheet. Only names of the form {@code name.ext} with a
 * known extension are served, so no path can reach another resource. The page is told where the
 * API is (it may be moved by the application's web.xml). Every answer carries a
 * Content-Security-Policy that allows the page's own files only — no inline script or style, no
 * other origin, no framing — and {@code X-Content-Type-Options: nosniff}. Registered by
 * {@link DashboardRegistration}; public only because the container instantiates it.
 */
public class DashboardServlet extends HttpServlet {

    /** The policy of every answer: own files only, no inline code, not in a frame. */
    static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private static final long serialVersionUID = 1L;
    private static final String FOLDER = "dev/eejobs/web/ui/";
    private static final Pattern FILE = Pattern.compile("[a-z0-9-]{1,64}\\.(js|css|svg)");
    private static final Map<String, String> TYPES = Map.of("js", "text/javascript", "css", "text/css",
            "svg", "image/svg+xml", "html", "text/html");

    /** The dashboard is read only: every other method is a 405. */
    private static final List<String> ALLOWED = List.of("GET", "HEAD", "OPTIONS");

    private final transient Map<String, byte[]> files = new ConcurrentHashMap<>();

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws jakarta.servlet.ServletException, IOException {
        secure(response); // on every answer, a refused method's too
        if (!ALLOWED.contains(request.getMethod())) {
            // HttpServlet answers a method it does not know (PATCH, FOO) with 501, a server error
            response.setHeader("Allow", String.join(", ", ALLOWED));
            response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            return;
        }
        super.service(request, response);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        if (path == null || path.isEmpty()) {
            response.sendRedirect(request.getContextPath() + request.getServletPath() + "/");
            return;
        }
        if (path.equals("/") || path.equals("/index.html")) {
            String page = new String(file("index.html"), StandardCharsets.UTF_8)
                    .replace("{{api}}", attribute(request.getContextPath() + ApiPaths.base()))
                    .replace("{{ui}}", attribute(request.getContextPath() + request.getServletPath()));
            send(response, "html", page.getBytes(StandardCharsets.UTF_8));
            return;
        }
        String name = path.substring(1);
        byte[] body = FILE.matcher(name).matches() ? file(name) : null;
        if (body == null) {
            response.setStatus(404);
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().write("404 no such file of the jobs dashboard\n");
            return;
        }
        send(response, name.substring(name.lastIndexOf('.') + 1), body);
    }

    private static void secure(HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("Cache-Control", "no-cache");
    }

    private static void send(HttpServletResponse response, String extension, byte[] body) throws IOException {
        response.setContentType(TYPES.get(extension) + ";charset=UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** @return the file's bytes, or null if the jar has no such file */
    private byte[] file(String name) throws IOException {
        byte[] cached = files.get(name);
        if (cached != null) {
            return cached;
        }
        try (InputStream in = DashboardServlet.class.getClassLoader().getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                return null;
            }
            byte[] read = in.readAllBytes();
            files.put(name, read);
            return read;
        }
    }

    private static String attribute(String text) {
        return text.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
