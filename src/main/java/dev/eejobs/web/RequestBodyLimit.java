package dev.eejobs.web;

import dev.eejobs.config.JobsConfig;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses request bodies over {@code jobs.http.max-body} with 413: at once when the declared
 * length is too large, otherwise while reading, so a chunked body is never buffered past the limit.
 */
@Priority(Priorities.ENTITY_CODER)
@ApplicationScoped // a CDI bean, so every JAX-RS runtime injects its settings (RESTEasy does not inject plain providers)
public class RequestBodyLimit implements ContainerRequestFilter {

    @Inject
    JobsConfig settings;

    @Override
    public void filter(ContainerRequestContext request) {
        int limit = settings.httpMaxBodyBytes();
        if (request.getLength() > limit) {
            throw tooLarge(limit);
        }
        if (request.hasEntity()) {
            request.setEntityStream(new Bounded(request.getEntityStream(), limit));
        }
    }

    static WebApplicationException tooLarge(int limit) {
        return new WebApplicationException("the request body is larger than " + limit + " bytes (jobs.http.max-body)",
                413);
    }

    /** Counts what is read and fails the request at the first byte over the limit. */
    static final class Bounded extends FilterInputStream {
        private final int limit;
        private long read;

        Bounded(InputStream in, int limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > limit) {
                throw tooLarge(limit);
            }
        }
    }
}
