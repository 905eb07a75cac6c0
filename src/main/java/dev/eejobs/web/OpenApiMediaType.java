package dev.eejobs.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;

/**
 * Payara serves the OpenAPI document's YAML form as {@code text/plain} (its own constant) and
 * refuses {@code Accept: application/yaml}; where the module's web application is the one at the
 * server's root, this filter asks for that form and labels it {@code application/yaml} (RFC 9512).
 * The JSON form ({@code Accept: application/json} or {@code ?format=JSON}) is untouched.
 */
@WebFilter("/openapi")
public class OpenApiMediaType extends HttpFilter {

    private static final long serialVersionUID = 1L;
    static final String YAML = "application/yaml";
    private static final String PAYARA_YAML = "text/plain";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        chain.doFilter(new YamlAccepted(request), new YamlLabelled(response));
    }

    /** {@code application/yaml} asked for as the {@code text/plain} Payara produces. */
    private static final class YamlAccepted extends HttpServletRequestWrapper {
        YamlAccepted(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getHeader(String name) {
            String value = super.getHeader(name);
            return "Accept".equalsIgnoreCase(name) && value != null ? value.replace(YAML, PAYARA_YAML) : value;
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            if (!"Accept".equalsIgnoreCase(name)) {
                return super.getHeaders(name);
            }
            return Collections.enumeration(Collections.list(super.getHeaders(name)).stream()
                    .map(v -> v.replace(YAML, PAYARA_YAML)).toList());
        }
    }

    /** The YAML form labelled as YAML. */
    private static final class YamlLabelled extends HttpServletResponseWrapper {
        YamlLabelled(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void setContentType(String type) {
            super.setContentType(relabel(type));
        }

        @Override
        public void setHeader(String name, String value) {
            super.setHeader(name, "Content-Type".equalsIgnoreCase(name) ? relabel(value) : value);
        }

        @Override
        public void addHeader(String name, String value) {
            super.addHeader(name, "Content-Type".equalsIgnoreCase(name) ? relabel(value) : value);
        }

        private static String relabel(String type) {
            return type != null && type.startsWith(PAYARA_YAML) ? YAML + type.substring(PAYARA_YAML.length()) : type;
        }
    }
}
