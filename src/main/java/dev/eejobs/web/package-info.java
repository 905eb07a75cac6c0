/**
 * The JAX-RS API under {@code /api}: resources, request parameters and response shapes, the role
 * check, the body-size and content-type checks, the limits JSON bodies are checked against before
 * binding, and the RFC 9457 problem-details mapping of every refusal, the container's own included
 * (its error pages lead to {@code ProblemPages}).
 */
package dev.eejobs.web;
