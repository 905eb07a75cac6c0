package dev.eejobs.web;

import dev.eejobs.config.JobsConfig;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
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

    /** @return whether a request URI (context path included) is for the API */
    static boolean contains(String contextPath, String uri) {
        String prefix = contextPath + base;
        return uri.equals(prefix) || uri.startsWith(prefix + "/");
    }
}
