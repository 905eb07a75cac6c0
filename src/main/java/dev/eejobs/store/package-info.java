/**
 * The storage port ({@link dev.eejobs.store.JobStore}) the engine talks to, its value types and
 * the job state machine ({@link dev.eejobs.store.JobTransition}); the read and operator queries of
 * the HTTP API, health checks and metrics ({@link dev.eejobs.store.JobQueries}); the node registry
 * ({@link dev.eejobs.store.NodeRegistry}) and the dashboard's reads
 * ({@link dev.eejobs.store.DashboardQueries}). {@code store.jpa} implements them all.
 */
package dev.eejobs.store;
