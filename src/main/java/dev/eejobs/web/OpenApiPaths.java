package dev.eejobs.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.Paths;

/**
 * Puts the API's paths in the OpenAPI document where the application actually serves them: the
 * document is generated from {@code @ApplicationPath}, which an application's web.xml may override.
 * Set as {@code mp.openapi.filter} by the jar's microprofile-config.properties. Public only because
 * the OpenAPI runtime instantiates it.
 */
public class OpenApiPaths implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI document) {
        String base = ApiPaths.base();
        Paths paths = document.getPaths();
        if (base.equals(ApiPaths.DEFAULT) || paths == null || paths.getPathItems() == null) {
            return;
        }
        Map<String, PathItem> items = new LinkedHashMap<>(paths.getPathItems());
        for (Map.Entry<String, PathItem> item : items.entrySet()) {
            String path = item.getKey();
            if (path.equals(ApiPaths.DEFAULT) || path.startsWith(ApiPaths.DEFAULT + "/")) {
                paths.removePathItem(path);
                paths.addPathItem(base + path.substring(ApiPaths.DEFAULT.length()), item.getValue());
            }
        }
    }
}
