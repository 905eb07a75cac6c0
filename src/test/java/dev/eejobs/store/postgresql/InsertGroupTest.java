package dev.eejobs.store.postgresql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Group commit's rules with plain threads and writers that record what they were asked to write:
 * a caller alone writes at once; callers that arrive while every turn is taken by a write on its
 * way are written in one statement next; a failed shared statement leaves each caller to write alone, so a failure reaches
 * only the caller whose job caused it.
 */
class InsertGroupTest {

    private final List<String> alone = new CopyOnWriteArrayList<>();
    private final List<List<String>> together = new CopyOnWriteArrayList<>();
    /** Per slow insert, when its write may end. */
    private final Map<String, CountDownLatch> mayEnd = new ConcurrentHashMap<>();
    private final ExecutorService callers = Executors.newCachedThreadPool();
    private final Map<String, Thread> callerThreads = new ConcurrentHashMap<>();

    @AfterEach
    void stop() {
        mayEnd.values().forEach(CountDownLatch::countDown);
        callers.shutdownNow();
    }

    /** Writes alone as "stored:<insert>"; an insert "slow…" holds its write until the test lets it end. */
    private String writeAlone(String insert) {
        alone.add(insert);
        if (insert.startsWith("slow")) {
            await(mayEnd.computeIfAbsent(insert, i -> new CountDownLatch(1)));
        }
        if (insert.startsWith("bad")) {
            throw new IllegalArgumentException(insert + " is refused");
        }
        return "stored:" + insert;
    }

    private List<String> writeTogether(List<String> inserts) {
        together.add(inserts);
        if (inserts.stream().anyMatch(i -> i.startsWith("bad"))) {
            throw new IllegalStateException("the shared statement failed");
        }
        return inserts.stream().map(i -> "stored-together:" + i).toList();
    }

    private final InsertGroup<String, String> group = new InsertGroup<>(this::writeAlone, this::writeTogether);

    @Test
    void a_caller_alone_writes_its_insert_at_once_in_a_statement_of_its_own() {
        assertThat(group.write("a")).isEqualTo("stored:a");
        assertThat(group.write("b")).isEqualTo("stored:b");
        assertThat(alone).containsExactly("a", "b");
        assertThat(together).isEmpty();
    }

    @Test
    void callers_arriving_while_a_write_is_on_its_way_are_written_together_next_each_getting_its_own_result()
            throws Exception {
        List<Future<String>> slow = occupyEveryTurn();
        List<Future<String>> gathered = new ArrayList<>();
        for (String insert : List.of("b", "c", "d", "e")) {
            gathered.add(call(insert));
        }
        awaitParked(List.of("b", "c", "d", "e"));
        endSlowWrite(0); // one turn is free again: the next batch is everything that gathered

        assertThat(slow.get(0).get(10, TimeUnit.SECONDS)).isEqualTo("stored:slow-0");
        assertThat(gathered.get(0).get(10, TimeUnit.SECONDS)).isEqualTo("stored-together:b");
        assertThat(gathered.get(3).get(10, TimeUnit.SECONDS)).isEqualTo("stored-together:e");
        assertThat(gathered.get(1).get(10, TimeUnit.SECONDS)).isEqualTo("stored-together:c");
        assertThat(together).singleElement().satisfies(b -> assertThat(b).containsExactlyInAnyOrder("b", "c", "d", "e"));
        assertThat(alone).containsExactlyInAnyOrderElementsOf(slowInserts());
    }

    @Test
    void a_failed_shared_statement_leaves_each_caller_to_write_alone_and_only_the_bad_insert_s_caller_sees_its_error()
            throws Exception {
        List<Future<String>> slow = occupyEveryTurn();
        Future<String> good = call("good");
        Future<String> bad = call("bad-one");
        Future<String> other = call("other");
        awaitParked(List.of("good", "bad-one", "other"));
        endSlowWrite(0); // one turn is free again: the next batch is everything that gathered

        assertThat(slow.get(0).get(10, TimeUnit.SECONDS)).isEqualTo("stored:slow-0");
        assertThat(good.get(10, TimeUnit.SECONDS)).isEqualTo("stored:good");
        assertThat(other.get(10, TimeUnit.SECONDS)).isEqualTo("stored:other");
        assertThatThrownBy(() -> bad.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad-one is refused");
        assertThat(together).singleElement().satisfies(b -> assertThat(b).hasSize(3));
        assertThat(alone).hasSize(InsertGroup.WRITERS + 3).containsAll(slowInserts())
                .contains("good", "bad-one", "other");
    }

    @Test
    void a_waiting_caller_that_is_interrupted_still_gets_its_committed_result_and_keeps_the_interrupt()
            throws Exception {
        List<Future<String>> slow = occupyEveryTurn();
        Future<String[]> waiting = callers.submit(() -> {
            callerThreads.put("w", Thread.currentThread());
            String result = group.write("w");
            return new String[] {result, Boolean.toString(Thread.currentThread().isInterrupted())};
        });
        awaitParked(List.of("w"));
        callerThreads.get("w").interrupt();
        endSlowWrite(0); // one turn is free again: the next batch is everything that gathered

        assertThat(slow.get(0).get(10, TimeUnit.SECONDS)).isEqualTo("stored:slow-0");
        assertThat(waiting.get(10, TimeUnit.SECONDS)).containsExactly("stored:w", "true");
    }

    @Test
    void no_more_than_the_bound_share_one_statement() throws Exception {
        List<Future<String>> slow = occupyEveryTurn();
        List<String> inserts = IntStream.range(0, InsertGroup.MAX_TOGETHER + 6).mapToObj(i -> "n" + i).toList();
        List<Future<String>> results = new ArrayList<>();
        for (String insert : inserts) {
            results.add(call(insert));
        }
        awaitParked(inserts);
        endSlowWrite(0); // one turn is free again: the next batch is everything that gathered

        for (int i = 0; i < inserts.size(); i++) {
            assertThat(results.get(i).get(10, TimeUnit.SECONDS)).endsWith(":" + inserts.get(i));
        }
        assertThat(together).allSatisfy(b -> assertThat(b).hasSizeLessThanOrEqualTo(InsertGroup.MAX_TOGETHER));
        assertThat(together.stream().mapToInt(List::size).sum() + alone.size() - InsertGroup.WRITERS)
                .isEqualTo(inserts.size());
        assertThat(together.get(0)).hasSize(InsertGroup.MAX_TOGETHER);
    }

    /**
     * Starts slow writes, one after the other so that each is written alone, until every turn is
     * taken: whoever comes next must wait and gather.
     */
    private List<Future<String>> occupyEveryTurn() throws InterruptedException {
        List<Future<String>> slow = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (String insert : slowInserts()) {
            mayEnd.put(insert, new CountDownLatch(1));
            slow.add(call(insert));
            while (!alone.contains(insert)) {
                assertThat(System.nanoTime()).as("slow write %s started", insert).isLessThan(deadline);
                Thread.sleep(5);
            }
        }
        return slow;
    }

    private void endSlowWrite(int i) {
        mayEnd.get(slowInserts().get(i)).countDown();
    }

    private static List<String> slowInserts() {
        return IntStream.range(0, InsertGroup.WRITERS).mapToObj(i -> "slow-" + i).toList();
    }

    private Future<String> call(String insert) {
        return callers.submit(() -> {
            callerThreads.put(insert, Thread.currentThread());
            return group.write(insert);
        });
    }

    /** Waits until each caller waits for its turn (parked in the group). */
    private void awaitParked(List<String> inserts) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (String insert : inserts) {
            while (!parkedInGroup(callerThreads.get(insert))) {
                assertThat(System.nanoTime()).as("caller of %s waiting for its turn", insert).isLessThan(deadline);
                Thread.sleep(5);
            }
        }
    }

    private static boolean parkedInGroup(Thread t) {
        return t != null && t.getState() == Thread.State.TIMED_WAITING
                && java.util.concurrent.locks.LockSupport.getBlocker(t) instanceof InsertGroup;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
