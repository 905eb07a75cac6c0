/**
 * The demo jobs the WAR ships: a greeting, a job that fails twice before it succeeds (to show
 * retries and backoff in the log) and a recurring schedule. Kept out of the library jar.
 */
package dev.eejobs.example;
