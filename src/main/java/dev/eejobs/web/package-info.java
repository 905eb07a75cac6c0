/** The JAX-RS API: resources, request and response shapes, and the problem-details error mapping. */
package dev.eejobs.web;
