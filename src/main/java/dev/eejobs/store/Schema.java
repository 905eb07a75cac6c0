package dev.eejobs.store;

/**
 * The jobs schema in the database: brought up to date once, before the first read or write, by
 * whichever comes first (the engine's start, or an enqueue during the application's own startup).
 */
public interface Schema {

    /** Applies missing migrations (unless {@code jobs.migrate=false}); a no-op once done. */
    void ensureCurrent();

    /** @return whether {@link #ensureCurrent()} has succeeded on this node */
    boolean isCurrent();
}
