package dev.eejobs.engine;

import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * When the jobs this node stored for one queue, not yet due at their enqueue, come due: the queue's
 * fetcher looks again at the first of these times instead of at its next poll, so a job delayed by
 * a few milliseconds starts then rather than up to a poll interval late, and storing it costs no
 * claim that would find nothing. Other nodes hear nothing of such a job; they find it by polling.
 *
 * <p>Times are kept to the millisecond, rounded up (a claim at that millisecond finds the job: its
 * run time was computed from the same clock). At most {@link #CAP} distinct times are kept, the
 * earliest: a job due after all of them is found by the poll, as every job is on other nodes.
 */
final class DueTimes {

    static final int CAP = 4096;

    private final ConcurrentSkipListSet<Long> times = new ConcurrentSkipListSet<>();
    /** The set's size, which the set itself only counts by walking. */
    private final AtomicInteger count = new AtomicInteger();

    /**
     * Adds run times, keeping the earliest {@link #CAP}.
     *
     * @return whether the first time is now sooner: a fetcher already waiting waits too long, and
     *     must be woken to wait again (one claim, finding nothing; later times added to a series
     *     already waited for cost none)
     */
    boolean add(long[] epochMillis) {
        if (epochMillis.length == 0) {
            return false;
        }
        long[] sorted = epochMillis.clone();
        Arrays.sort(sorted); // a bulk enqueue beyond the cap keeps its earliest times, not its first
        Long first = times.ceiling(Long.MIN_VALUE);
        for (int i = 0; i < sorted.length && i < CAP; i++) {
            if (times.add(sorted[i]) && count.incrementAndGet() > CAP && times.pollLast() != null) {
                count.decrementAndGet();
            }
        }
        return first == null || sorted[0] < first;
    }

    /** Forgets the times up to and including a claim's moment: that claim saw their jobs due. */
    void lookedAt(long epochMillis) {
        Iterator<Long> passed = times.headSet(epochMillis, true).iterator();
        while (passed.hasNext()) {
            passed.next();
            passed.remove();
            count.decrementAndGet();
        }
    }

    /** @return milliseconds from {@code nowMillis} to the first time (0 when it has come), or -1 with none */
    long millisUntilNext(long nowMillis) {
        Long first = times.ceiling(Long.MIN_VALUE);
        return first == null ? -1 : Math.max(0, first - nowMillis);
    }

    /** @return the run time to the millisecond, rounded up */
    static long ceilMillis(Instant runAt) {
        long millis = runAt.toEpochMilli(); // rounds down
        return runAt.getNano() % 1_000_000 == 0 ? millis : millis + 1;
    }
}
