/**
 * The JAX-RS API under {@code /api}: resources, request parameters and response shapes, the role
 * check, the body-size limit and the RFC 9457 problem-details mapping of every refusal.
 */
package dev.eejobs.web;
