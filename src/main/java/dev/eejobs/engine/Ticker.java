package dev.eejobs.engine;

/**
 * A monotonic clock in nanoseconds: what a node measures its own lease budget with, immune to
 * wall-clock steps. The engine's unit tests step a fake one.
 */
@FunctionalInterface
interface Ticker {

    /** The JVM's monotonic clock. */
    Ticker SYSTEM = System::nanoTime;

    /** @return nanoseconds from an arbitrary origin; only differences mean anything */
    long nanos();
}
