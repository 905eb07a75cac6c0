/**
 * The storage port ({@link dev.eejobs.store.JobStore}) the engine talks to, its value types and
 * the job state machine ({@link dev.eejobs.store.JobTransition}). {@code store.jpa} implements it.
 */
package dev.eejobs.store;
