/**
 * A user's own application that embeds the eejobs jar, as the README tells a new user to write it:
 * its own CDI beans, persistence unit, JAX-RS application and job types, and nothing of eejobs but
 * the dependency. {@code dev.eejobs.embedding.EmbeddingIT} deploys it.
 */
package example.shop;
