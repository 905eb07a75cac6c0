package dev.eejobs.web;

import dev.eejobs.config.JobsConfig;
import jakarta.inject.Inject;
import jakarta.servlet.HttpConstraintElement;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.ServletSecurityElement;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Serves the dashboard at {@code jobs.ui.path} (default {@code /jobs-ui}) unless
 * {@code jobs.ui.enabled=false}: registers {@link DashboardServlet} in code, so the path follows
 * the setting, and secures it in code to the roles {@code jobs-admin} and {@code jobs-viewer}, so
 * the application's own login (its {@code login-config}, else the jar's HTTP Basic) applies there
 * without a line in its web.xml. Declared as a listener in the jar's web-fragment.xml (only such a
 * listener may add servlets); public only because the container instantiates it.
 */
public class DashboardRegistration implements ServletContextListener {

    static final String SERVLET_NAME = "dev.eejobs.web.DashboardServlet";

    private static final Logger LOG = Logger.getLogger(DashboardRegistration.class.getName());

    @Inject
    JobsConfig config;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        if (config == null || !config.uiEnabled()) {
            return;
        }
        ServletContext context = event.getServletContext();
        try {
            register(context);
        } catch (RuntimeException e) { // the application must start all the same
            LOG.log(Level.WARNING, "the jobs dashboard could not be registered; the rest of the module works", e);
        }
    }

    /** The roles are declared by the jar's web-fragment.xml ({@code security-role}). */
    private void register(ServletContext context) {
        ServletRegistration.Dynamic ui = context.addServlet(SERVLET_NAME, DashboardServlet.class);
        if (ui == null) {
            return; // the application's web.xml declares it: its mapping and security rule
        }
        String path = config.uiPath();
        var clashes = ui.addMapping(path + "/*");
        if (!clashes.isEmpty()) {
            LOG.warning(() -> "the jobs dashboard is not served at " + clashes
                    + ": another servlet is mapped there; set jobs.ui.path to a free path");
        }
        ui.setServletSecurity(new ServletSecurityElement(new HttpConstraintElement(
                jakarta.servlet.annotation.ServletSecurity.TransportGuarantee.NONE, RoleCheck.ADMIN, RoleCheck.VIEWER)));
        ui.setLoadOnStartup(-1);
        LOG.fine(() -> "jobs dashboard at " + context.getContextPath() + path + "/");
    }
}
