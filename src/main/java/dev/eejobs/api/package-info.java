/**
 * What applications use: the {@link dev.eejobs.api.Job} interface and its
 * {@link dev.eejobs.api.BackgroundJob} annotation, the injectable {@link dev.eejobs.api.JobQueue},
 * per-call {@link dev.eejobs.api.JobOptions}, the bounds of every time value
 * ({@link dev.eejobs.api.TimeLimits}), ids, states and the exception for refused input.
 * Nothing outside this package is meant to be imported by application code.
 */
package dev.eejobs.api;
