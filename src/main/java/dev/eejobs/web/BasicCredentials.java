package dev.eejobs.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * Tells an {@code Authorization} header that claims HTTP Basic but does not carry its credentials
 * (the base64 of {@code user:password}). WildFly's Elytron throws on such a header instead of
 * refusing the login, so the container reports a server error for what is the client's mistake;
 * {@link ProblemPages} answers it as the refused login it is.
 */
final class BasicCredentials {

    static final String DETAIL = "the Authorization header is not HTTP Basic credentials"
            + " (Basic, then the base64 of user:password)";

    private static final String SCHEME = "basic ";

    private BasicCredentials() {
    }

    /**
     * @param header the request's {@code Authorization} header, or null
     * @return whether it names the Basic scheme but its credentials are not base64 of a {@code user:password}
     */
    static boolean malformed(String header) {
        if (header == null || header.length() < SCHEME.length()
                || !header.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals(SCHEME)) {
            return false;
        }
        String credentials = header.substring(SCHEME.length()).trim();
        try {
            return !new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8).contains(":");
        } catch (IllegalArgumentException notBase64) {
            return true;
        }
    }
}
