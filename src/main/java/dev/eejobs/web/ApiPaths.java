package dev.eejobs.web;

import dev.eejobs.config.JobsConfig;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.logging.Logger;

/**
 * Where the application serves the jobs API: {@code /jobs-api} (the {@code @ApplicationPath}), or
 * wherever its web.xml maps the servlet {@code dev.eejobs.web.JobsApplication}. Read once the web
 * module is initialised, for the error pages and the OpenAPI document, which know only the
 * annotation. Declared as a listener in the jar's web-fragment.xml; public only because the
 * container instantiates it.
 */
public class ApiPaths implements ServletContextListener {

    /** The base path of {@link JobsApplication}'s {@code @ApplicationPath}. */
    static final String DEFAULT = "/jobs-api";
    /** Where an application that maps the API elsewhere says so, for what is built before it starts. */
    static final String PATH_KEY = "jobs.http.path";

    private static final Logger LOG = Logger.getLogger(ApiPaths.class.getName());

    private static volatile String base = DEFAULT;

    @Inject
    JobsConfig config;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        base = mapped(event.getServletContext());
        String declared = config.httpPath();
        if (!declared.equals(base)) {
            LOG.warning(() -> "the jobs API is mapped at " + base + " but " + PATH_KEY + " = " + declared
                    + "; set " + PATH_KEY + "=" + base + " so the OpenAPI document shows where it is");
        }
    }

    /** @return the API's base path within the application, without the context path, e.g. {@code /api} */
    static String base() {
        return base;
    }

    /** @return the first path mapping of the API's servlet, or the default when it has none */
    static String mapped(ServletContext context) {
        ServletRegistration api = context.getServletRegistration(JobsApplication.class.getName());
        if (api != null) {
            for (String mapping : api.getMappings()) {
                if (mapping.endsWith("/*") && mapping.length() > 2) {
                    return mapping.substring(0, mapping.length() - 2);
                }
            }
        }
        return DEFAULT;
    }

    /**
     * @return whether a request URI (context path included, as sent) is for the API; compared as
     *         the container maps it: without path parameters ({@code /api;x=1/jobs}), escapes
     *         decoded ({@code /%61pi/jobs}), empty and dot segments resolved ({@code //api},
     *         {@code /x/../api}), so a request the container sent to the API is not taken for one
     *         of the application's own
     */
    static boolean contains(String contextPath, String uri) {
        String prefix = contextPath + base;
        String path = asMapped(uri);
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }

    /** @return the URI as a path of segments without parameters, escapes (but %2F) decoded, dot segments resolved */
    static String asMapped(String uri) {
        Deque<String> segments = new ArrayDeque<>();
        String[] raw = uri.split("/", -1);
        for (int i = 0; i < raw.length; i++) {
            int parameters = raw[i].indexOf(';');
            String segment = decoded(parameters < 0 ? raw[i] : raw[i].substring(0, parameters));
            if (segment.equals("..")) {
                segments.pollLast();
            } else if (!segment.isEmpty() && !segment.equals(".")) {
                segments.addLast(segment);
            } else if (i == raw.length - 1 && i > 0) {
                segments.addLast(""); // a trailing slash stays
            }
        }
        return "/" + String.join("/", segments);
    }

    /** @return the segment with its %XX escapes but %2F decoded as UTF-8, or as sent when they are not valid */
    private static String decoded(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        try { // '+' is a plus in a path, and an escaped slash stays inside its segment, as the container keeps it
            return URLDecoder.decode(segment.replace("+", "%2B").replaceAll("(?i)%2F", "%252F"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return segment;
        }
    }
}
