/**
 * MicroProfile Health checks (startup, liveness, readiness) and MicroProfile Metrics that adapt
 * what the engine reports ({@code JobEvents}, {@code EngineStatus}, {@code EngineStats}) and the
 * job counts read from the database, cached for a few seconds. Startup and readiness wait until
 * the HTTP API answers ({@code ApiServing}).
 */
package dev.eejobs.observability;
