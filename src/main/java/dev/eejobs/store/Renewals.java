package dev.eejobs.store;

import java.util.Set;

/**
 * The answer to a batch of lease renewals, from the same statement.
 *
 * @param renewed the ids whose lease was renewed; the others were fenced
 * @param cancelRequested of those, the ids an operator asked to cancel
 */
public record Renewals(Set<Long> renewed, Set<Long> cancelRequested) {}
