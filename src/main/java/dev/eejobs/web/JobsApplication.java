package dev.eejobs.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** Mounts the jobs API under {@code /api}; errors are {@code application/problem+json} (RFC 9457). */
@ApplicationPath("api")
@OpenAPIDefinition(info = @Info(title = "eejobs", version = "1",
        description = "Persistent background jobs: enqueue, inspect and manage jobs, queues and schedules."
                + " Enqueueing needs the role jobs-enqueue, everything else jobs-admin."
                + " Errors are RFC 9457 application/problem+json naming the field at fault."))
@SecurityScheme(securitySchemeName = JobsApplication.BASIC, type = SecuritySchemeType.HTTP, scheme = "basic")
public class JobsApplication extends Application {

    static final String BASIC = "basic";

    /**
     * Jersey answers OPTIONS with a WADL document of the resources unless told not to; the API's
     * description is the OpenAPI document, and OPTIONS gets the allowed methods only.
     */
    @Override
    public Map<String, Object> getProperties() {
        return Map.of("jersey.config.server.wadl.disableWadl", true);
    }
}
