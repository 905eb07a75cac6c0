package dev.eejobs.web;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

/** The HTTP API's own settings, read once; an invalid value stops the deployment naming the key. */
@ApplicationScoped
class HttpSettings {

    static final String MAX_BODY = "jobs.http.max-body";
    static final int DEFAULT_MAX_BODY = 65_536;

    @Inject
    Config config;

    private int maxBodyBytes = DEFAULT_MAX_BODY;
    private ErrorDetail errorDetail = ErrorDetail.EXCERPT;

    @PostConstruct
    void read() {
        maxBodyBytes = parseMaxBody(config.getOptionalValue(MAX_BODY, String.class).orElse(null));
        errorDetail = ErrorDetail.parse(config.getOptionalValue(ErrorDetail.KEY, String.class).orElse(null));
    }

    /** @return {@code jobs.http.error-detail}: how much of a job's failure {@code lastError} shows */
    ErrorDetail errorDetail() {
        return errorDetail;
    }

    /** @return {@code jobs.http.max-body}: the largest request body accepted, in bytes */
    int maxBodyBytes() {
        return maxBodyBytes;
    }

    static int parseMaxBody(String raw) {
        if (raw == null) {
            return DEFAULT_MAX_BODY;
        }
        try {
            int bytes = Integer.parseInt(raw.trim());
            if (bytes >= 2 && bytes <= 16 * 1024 * 1024) {
                return bytes;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalStateException("Invalid jobs configuration: " + MAX_BODY + " = '" + raw
                + "': must be a whole number of bytes between 2 and 16777216");
    }
}
