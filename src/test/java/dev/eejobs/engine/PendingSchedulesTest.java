package dev.eejobs.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eejobs.api.InvalidJobException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class PendingSchedulesTest {

    private final PendingSchedules pending = new PendingSchedules();
    private final AtomicBoolean databaseUp = new AtomicBoolean();
    private final List<String> stored = new ArrayList<>();

    private Runnable save(String what) {
        return () -> {
            if (!databaseUp.get()) {
                throw new IllegalStateException("jobs database: refused",
                        new SQLTransientConnectionException("Connection refused"));
            }
            stored.add(what);
        };
    }

    @Test
    void a_declaration_that_finds_the_database_out_of_reach_is_kept_and_stored_once_it_is_back() {
        pending.declare("nightly", save("nightly every 24h"));
        assertThat(pending.count()).isEqualTo(1);
        assertThat(stored).isEmpty();

        pending.storeAll(); // still down: kept for the next call
        assertThat(pending.count()).isEqualTo(1);

        databaseUp.set(true);
        pending.storeAll();
        assertThat(stored).containsExactly("nightly every 24h");
        assertThat(pending.count()).isZero();
        pending.storeAll();
        assertThat(stored).as("stored once").hasSize(1);
    }

    @Test
    void the_last_declaration_of_a_name_wins_and_one_stored_directly_replaces_a_kept_one() {
        pending.declare("sync", save("sync every 5m"));
        pending.declare("sync", save("sync every 1m"));
        pending.declare("report", save("report at 7"));
        databaseUp.set(true);
        pending.declare("report", save("report at 8"));
        assertThat(stored).containsExactly("report at 8");

        pending.storeAll();
        assertThat(stored).containsExactly("report at 8", "sync every 1m");
    }

    @Test
    void an_invalid_declaration_is_refused_at_the_call_and_not_kept() {
        assertThatThrownBy(() -> pending.declare("bad name", () -> {
            throw new InvalidJobException("name", "must be letters, digits, '.', '_', ':' or '-'");
        })).isInstanceOf(InvalidJobException.class);
        assertThatThrownBy(() -> pending.declare("bug", () -> {
            throw new IllegalStateException("a bug");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(pending.count()).isZero();
    }
}
