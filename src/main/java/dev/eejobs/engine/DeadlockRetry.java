package dev.eejobs.engine;

import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Writes an attempt's outcome again when the database chose it as a deadlock's victim (MariaDB's
 * InnoDB does so between two single-row updates whose secondary-index locks cross) or refused it as
 * a serialization failure. The database rolled that write back whole, and the write is fenced by
 * the lease token, so writing it again does what it would have done. Without this the outcome was
 * lost and the lease left to expire, costing the job an attempt it had in fact finished.
 */
final class DeadlockRetry {

    static final int TRIES = 3;

    private DeadlockRetry() {}

    /** @return what the write returned, within {@link #TRIES} tries; else what the last try threw */
    static <T> T write(Supplier<T> write) {
        for (int tried = 1;; tried++) {
            try {
                return write.get();
            } catch (RuntimeException e) {
                if (tried >= TRIES || !lostToAnotherTransaction(e)) {
                    throw e;
                }
                LockSupport.parkNanos(tried * 10_000_000L); // lets the transaction that won commit first
            }
        }
    }

    /** @return whether a cause is a deadlock or serialization failure: SQLSTATE 40001 or 40P01, MariaDB 1213 */
    static boolean lostToAnotherTransaction(Throwable e) {
        Throwable t = e;
        for (int depth = 0; t != null && depth < 20; depth++, t = t.getCause()) {
            if (t instanceof SQLTransactionRollbackException) {
                return true;
            }
            if (t instanceof SQLException s && ("40001".equals(s.getSQLState()) || "40P01".equals(s.getSQLState())
                    || s.getErrorCode() == 1213)) {
                return true;
            }
        }
        return false;
    }
}
