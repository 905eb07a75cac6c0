/**
 * Extension points for applications: implement an interface of this package as a CDI bean and the
 * engine calls it. {@link dev.eejobs.api.spi.JobEvents} reports what the engine does (the module's
 * own metrics and health checks listen the same way).
 */
package dev.eejobs.api.spi;
