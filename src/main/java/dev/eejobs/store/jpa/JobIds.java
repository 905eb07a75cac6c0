package dev.eejobs.store.jpa;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Hands out job ids from blocks of {@link JobRecord#ID_BLOCK} taken from the sequence, so a
 * single enqueue needs no sequence round trip of its own. Ids of a block never reach the database
 * in a rolled-back transaction, so gaps are possible and harmless.
 */
final class JobIds {

    private long next;
    private long last = -1;

    synchronized List<Long> take(Connection c, int count) throws SQLException {
        List<Long> ids = new ArrayList<>(count);
        while (ids.size() < count) {
            if (next > last) {
                int missing = count - ids.size();
                List<Long> blocks = PostgresHotPath.nextBlocks(c, (missing + JobRecord.ID_BLOCK - 1) / JobRecord.ID_BLOCK);
                for (int i = 0; i < blocks.size() - 1; i++) {
                    for (long id = blocks.get(i) - JobRecord.ID_BLOCK + 1; id <= blocks.get(i); id++) {
                        ids.add(id);
                    }
                }
                last = blocks.get(blocks.size() - 1);
                next = last - JobRecord.ID_BLOCK + 1;
            }
            while (next <= last && ids.size() < count) {
                ids.add(next++);
            }
        }
        return ids;
    }
}
