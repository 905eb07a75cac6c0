package dev.eejobs.fault;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every run of every job as the probe logs of all nodes recorded it: a run is a start and the end
 * that followed it on the same node (none if the node died, or the run is still going).
 */
final class ProbeRuns {

    /**
     * @param endMicros null while the run has no recorded end
     * @param outcome how it ended ("ok", "poison", "interrupted:LEASE_LOST", ...), null without an end
     */
    record Run(long jobId, String node, int attempt, long startMicros, Long endMicros, String outcome) {

        boolean open() {
            return endMicros == null;
        }
    }

    private final Map<Long, List<Run>> byJob = new HashMap<>();

    private ProbeRuns() {}

    static ProbeRuns read(Collection<Path> logs) throws IOException {
        ProbeRuns runs = new ProbeRuns();
        for (Path log : logs) {
            if (!Files.exists(log)) {
                continue;
            }
            Map<Long, Deque<String[]>> started = new HashMap<>();
            for (String line : Files.readAllLines(log)) {
                String[] f = line.split(" ");
                if (f.length < 6) {
                    continue; // a line cut short by a kill
                }
                long job = Long.parseLong(f[1]);
                if (f[0].equals("start")) {
                    started.computeIfAbsent(job, k -> new ArrayDeque<>()).add(f);
                } else {
                    String[] s = started.get(job).poll();
                    runs.add(new Run(job, s[4], Integer.parseInt(s[2]), Long.parseLong(s[3]), Long.parseLong(f[3]),
                            f[5]));
                }
            }
            started.values().forEach(open -> open.forEach(s -> runs.add(new Run(Long.parseLong(s[1]), s[4],
                    Integer.parseInt(s[2]), Long.parseLong(s[3]), null, null))));
        }
        runs.byJob.values().forEach(l -> l.sort((a, b) -> Long.compare(a.startMicros(), b.startMicros())));
        return runs;
    }

    private void add(Run run) {
        byJob.computeIfAbsent(run.jobId(), k -> new ArrayList<>()).add(run);
    }

    List<Run> of(long jobId) {
        return byJob.getOrDefault(jobId, List.of());
    }

    List<Run> all(Collection<Long> jobIds) {
        List<Run> all = new ArrayList<>();
        jobIds.forEach(id -> all.addAll(of(id)));
        return all;
    }

    /**
     * Pairs of runs of one job that were going at the same time. An open run counts as going on for
     * ever, except on a node killed at {@code killedAtMicros} (a map from node name), where it ended
     * with the kill.
     */
    List<String> overlaps(Collection<Long> jobIds, Map<String, Long> killedAtMicros) {
        List<String> overlaps = new ArrayList<>();
        for (long id : jobIds) {
            List<Run> runs = of(id);
            for (int i = 0; i < runs.size(); i++) {
                for (int j = i + 1; j < runs.size(); j++) {
                    Run a = runs.get(i);
                    Run b = runs.get(j);
                    if (b.startMicros() < end(a, killedAtMicros) && a.startMicros() < end(b, killedAtMicros)) {
                        overlaps.add("job " + id + ": " + a + " and " + b);
                    }
                }
            }
        }
        return overlaps;
    }

    private static long end(Run run, Map<String, Long> killedAtMicros) {
        if (!run.open()) {
            return run.endMicros();
        }
        return killedAtMicros.getOrDefault(run.node(), Long.MAX_VALUE);
    }
}
