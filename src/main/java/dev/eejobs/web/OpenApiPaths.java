package dev.eejobs.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.Paths;

/**
 * Puts the API's paths in the OpenAPI document where the application actually serves them: the
 * document is generated from {@code @ApplicationPath}, which an application's web.xml may override.
 * The path is {@code jobs.http.path} when set — some servers build the document before the web
 * module starts, so the mapping itself cannot be read yet — else the mapping found at startup.
 * Set as {@code mp.openapi.filter} by the jar's microprofile-config.properties. Public only because
 * the OpenAPI runtime instantiates it.
 */
public class OpenApiPaths implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI document) {
        String base = ConfigProvider.getConfig(OpenApiPaths.class.getClassLoader())
                .getOptionalValue(ApiPaths.PATH_KEY, String.class)
                .map(String::trim).filter(p -> p.startsWith("/") && p.length() > 1).orElse(ApiPaths.base());
        Paths paths = document.getPaths();
        if (base.equals(ApiPaths.DEFAULT) || paths == null || paths.getPathItems() == null) {
            return;
        }
        Map<String, PathItem> items = new LinkedHashMap<>(paths.getPathItems());
        for (Map.Entry<String, PathItem> item : items.entrySet()) {
            String path = item.getKey();
            int at = apiSegment(path);
            if (at >= 0) {
                paths.removePathItem(path);
                paths.addPathItem(path.substring(0, at) + base + path.substring(at + ApiPaths.DEFAULT.length()),
                        item.getValue());
            }
        }
    }

    /**
     * @return where {@code /jobs-api} starts as a whole path segment, or -1; some runtimes put the
     *     context path in front of it
     */
    static int apiSegment(String path) {
        int at = path.indexOf(ApiPaths.DEFAULT);
        int end = at + ApiPaths.DEFAULT.length();
        return at >= 0 && (end == path.length() || path.charAt(end) == '/') ? at : -1;
    }
}
