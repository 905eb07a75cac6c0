package example.shop;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The shop's own JAX-RS application at /api, listing no classes: the runtime scans the whole WAR. */
@ApplicationPath("api")
public class ShopApplication extends Application {}
