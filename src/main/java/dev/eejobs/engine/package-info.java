/**
 * The engine: job-type registration, the supervisor and the loops it runs (per-queue fetchers
 * and workers, heartbeat, lease reaper, schedule firer, pruner), retry and backoff decisions.
 * Every loop body has a {@code runOnce} that tests can step on their own thread.
 */
package dev.eejobs.engine;
