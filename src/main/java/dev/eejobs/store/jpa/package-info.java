/**
 * The JPA implementation of the storage port: entities, the claim statements per database and
 * the Flyway migrations (under {@code db/eejobs/{vendor}}) applied at startup.
 */
package dev.eejobs.store.jpa;
