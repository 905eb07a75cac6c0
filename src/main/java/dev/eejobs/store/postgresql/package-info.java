/**
 * The store on PostgreSQL: plain JDBC for the hot path (claims with {@code SKIP LOCKED} from a
 * moving frontier, batched heartbeats and completions, multi-row inserts and COPY, LISTEN/NOTIFY),
 * the JPA store for the rest. {@code StoreChoice} picks it when the jobs database is PostgreSQL.
 */
package dev.eejobs.store.postgresql;
