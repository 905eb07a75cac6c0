package dev.eejobs.store.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Hands out job ids from blocks of {@link #BLOCK} taken from the sequence {@code eejobs_job_seq},
 * so a single enqueue needs no sequence round trip of its own. A sequence value v stands for the
 * ids {@code v - BLOCK + 1 … v}. Every path that inserts jobs takes its ids here — never from a
 * JPA id generator, whose reading of a sequence value differs between providers — so nodes on
 * different servers can share a database. Ids of a block never used are gaps, and harmless.
 */
@ApplicationScoped
public class JobIds {

    /** Ids per sequence value; the migrations create the sequence with this increment. */
    static final int BLOCK = 100;

    @Inject
    JobsPersistence persistence;

    private long next;
    private long last = -1;

    JobIds() {}

    /** For tests: ids without a container. */
    JobIds(JobsPersistence persistence) {
        this.persistence = persistence;
    }

    /** @return {@code count} fresh ids, read with a connection of the jobs datasource */
    List<Long> take(int count) {
        try (Connection c = persistence.dataSource().getConnection()) {
            return take(c, count);
        } catch (SQLException e) {
            throw new IllegalStateException("jobs database: cannot read the id sequence: " + e.getMessage(), e);
        }
    }

    /** @return {@code count} fresh ids, read on the given connection when a new block is needed */
    public List<Long> take(Connection c, int count) throws SQLException {
        return take(count, blocks -> nextBlocks(c, blocks));
    }

    /** Where blocks come from: {@code blocks} fresh values of the sequence, each standing for {@link #BLOCK} ids. */
    @FunctionalInterface
    interface Sequence {
        List<Long> next(int blocks) throws SQLException;
    }

    /**
     * @param count how many ids
     * @param sequence read only when the current block cannot serve them all
     * @return {@code count} ids never handed out before by this node, the current block's first
     */
    synchronized List<Long> take(int count, Sequence sequence) throws SQLException {
        List<Long> ids = new ArrayList<>(count);
        while (ids.size() < count) {
            if (next > last) {
                int missing = count - ids.size();
                List<Long> blocks = sequence.next((missing + BLOCK - 1) / BLOCK);
                for (int i = 0; i < blocks.size() - 1; i++) {
                    for (long id = blocks.get(i) - BLOCK + 1; id <= blocks.get(i); id++) {
                        ids.add(id);
                    }
                }
                last = blocks.get(blocks.size() - 1);
                next = last - BLOCK + 1;
            }
            while (next <= last && ids.size() < count) {
                ids.add(next++);
            }
        }
        return ids;
    }

    private List<Long> nextBlocks(Connection c, int blocks) throws SQLException {
        List<Long> values = new ArrayList<>(blocks);
        if (persistence.dialect() == SqlDialect.POSTGRESQL) {
            try (PreparedStatement s = c.prepareStatement("SELECT nextval('eejobs_job_seq') FROM generate_series(1, ?)")) {
                s.setInt(1, blocks);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        values.add(rs.getLong(1));
                    }
                }
            }
            return values;
        }
        // H2 and MariaDB: one value per statement is portable, and a block serves 100 jobs
        try (PreparedStatement s = c.prepareStatement("SELECT NEXT VALUE FOR eejobs_job_seq")) {
            for (int i = 0; i < blocks; i++) {
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    values.add(rs.getLong(1));
                }
            }
        }
        return values;
    }
}
