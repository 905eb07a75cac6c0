package dev.eejobs.web;

import example.shop.ShopApplication;
import java.io.File;
import org.jboss.shrinkwrap.api.Node;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The shop application ({@code example.shop}) as a user builds it: its
 * own classes and persistence unit, the eejobs jar and that jar's dependencies in WEB-INF/lib.
 */
final class ShopWar {

    private ShopWar() {}

    /**
     * @param name the archive's name, which is also its context root
     * @param settings the application's own microprofile-config.properties
     */
    static WebArchive of(String name, String settings) {
        WebArchive shop = ShrinkWrap.create(WebArchive.class, name + ".war")
                .addPackage(ShopApplication.class.getPackage())
                .addAsLibrary(new File("target/eejobs-classes.jar"))
                .addAsResource(new File("src/test/resources/shop/persistence.xml"), "META-INF/persistence.xml")
                .addAsResource(new StringAsset(settings), "META-INF/microprofile-config.properties");
        // the library's own dependencies, as Maven resolves them for an application: those the demo WAR carries
        WebArchive demo = ShrinkWrap.createFromZipFile(WebArchive.class, new File("target/eejobs.war"));
        for (Node lib : demo.get("WEB-INF/lib").getChildren()) {
            if (!lib.getPath().get().endsWith("eejobs-classes.jar")) {
                shop.add(lib.getAsset(), lib.getPath());
            }
        }
        return shop;
    }
}
