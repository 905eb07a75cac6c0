package dev.eejobs.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * Mounts the jobs API under {@code /jobs-api} of the application; errors are
 * {@code application/problem+json} (RFC 9457). An application moves it with a servlet-mapping
 * for the servlet named {@code dev.eejobs.web.JobsApplication} in its own web.xml (the standard
 * JAX-RS override of {@code @ApplicationPath}) and switches it off with {@code jobs.http.enabled=false}.
 *
 * <p>Every class is listed here, and the providers carry no {@code @Provider}: an embedding
 * application whose own JAX-RS application lists no classes picks up every annotated class of the
 * WAR, and the module's exception mappers and filters must never act on that application's
 * resources. The one exception is {@link ModuleResourceGuard}, which keeps the module's resources
 * from answering under such an application's path.
 */
@ApplicationPath("jobs-api")
@OpenAPIDefinition(info = @Info(title = "eejobs", version = "1",
        description = "Persistent background jobs: enqueue, inspect and manage jobs, queues and schedules."
                + " Enqueueing needs the role jobs-enqueue, everything else jobs-admin; jobs-viewer may read."
                + " A state-changing call made by a browser must send the header X-Jobs-Request and be same-origin."
                + " Errors are RFC 9457 application/problem+json naming the field at fault."))
@SecurityScheme(securitySchemeName = JobsApplication.BASIC, type = SecuritySchemeType.HTTP, scheme = "basic")
public class JobsApplication extends Application {

    static final String BASIC = "basic";

    private static final Set<Class<?>> PROVIDERS = Set.of(RoleCheck.class, RequestBodyLimit.class,
            ModuleResourceGuard.class, StrictUtf8Reader.class, ContentTypeCheck.Malformed.class,
            ContentTypeCheck.Missing.class, ApiProblem.Mapper.class, InvalidJobMapper.class, HttpProblemMapper.class,
            UnexpectedErrorMapper.class, CrossSiteCheck.class, ViewerReads.class);

    private static final Set<Class<?>> RESOURCES = Set.of(JobResource.class, JobBulkResource.class, QueueResource.class,
            ScheduleResource.class, BatchResource.class, NodeResource.class, StatsResource.class, MeResource.class,
            JobArgumentResource.class, JobChildrenResource.class);

    /** @return the resources and providers; only the providers when {@code jobs.http.enabled=false} */
    @Override
    public Set<Class<?>> getClasses() {
        if (!enabled()) {
            return PROVIDERS; // never empty: an empty set would make the runtime scan the whole WAR
        }
        Set<Class<?>> all = new java.util.HashSet<>(PROVIDERS);
        all.addAll(RESOURCES);
        return all;
    }

    /**
     * Marks the runtime configuration of this application (see {@link ModuleResourceGuard}). Jersey
     * answers OPTIONS with a WADL document of the resources unless told not to; the API's
     * description is the OpenAPI document, and OPTIONS gets the allowed methods only.
     */
    @Override
    public Map<String, Object> getProperties() {
        return Map.of(ModuleResourceGuard.MARK, Boolean.TRUE, "jersey.config.server.wadl.disableWadl", true);
    }

    /**
     * Read from MicroProfile Config directly: the OpenAPI runtime also builds this class, outside
     * any CDI context. {@code JobsConfig} refuses a value other than true or false at startup.
     */
    private static boolean enabled() {
        String value = ConfigProvider.getConfig().getOptionalValue("jobs.http.enabled", String.class).orElse("true");
        return !"false".equalsIgnoreCase(value.trim());
    }
}
