package dev.eejobs.engine;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;

/** TEMPORARY: timing of hot-path store calls while tuning. */
final class DebugTiming {
    private static final boolean ON = Boolean.getBoolean("eejobs.debug.timing");
    private static final Map<String, LongAdder[]> STATS = new ConcurrentHashMap<>();
    private static volatile long lastLog = System.nanoTime();

    static void record(String what, long nanos, int items) {
        if (!ON) {
            return;
        }
        LongAdder[] s = STATS.computeIfAbsent(what, k -> new LongAdder[] {new LongAdder(), new LongAdder(), new LongAdder()});
        s[0].increment();
        s[1].add(nanos);
        s[2].add(items);
        long now = System.nanoTime();
        if (now - lastLog > 5_000_000_000L) {
            lastLog = now;
            StringBuilder b = new StringBuilder("TIMING");
            STATS.forEach((k, v) -> {
                long calls = v[0].sumThenReset();
                long ns = v[1].sumThenReset();
                long it = v[2].sumThenReset();
                b.append(String.format(" %s: calls=%d avgMs=%.2f avgItems=%.1f", k, calls, calls == 0 ? 0 : ns / 1e6 / calls, calls == 0 ? 0 : (double) it / calls));
            });
            Logger.getLogger("eejobs.timing").info(b.toString());
        }
    }
}
