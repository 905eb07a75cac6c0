package dev.eejobs.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Collects every figure of a run, prints it as a {@code BENCH} line when it is taken, and at the
 * end prints medians as the README's tables: eejobs beside each peer with the ratio (always "how
 * many times better eejobs is": a rate over the peer's rate, or the peer's latency over ours), and
 * several nodes against one. Every ratio compares figures of the same run.
 */
final class Results {

    static final String EEJOBS = "eejobs";
    /** eejobs' several-nodes mode with the nodes as applications of one server (one JVM), as the peer runs. */
    static final String EEJOBS_ONE_SERVER = "eejobs-one-server";

    /** What a figure measures. */
    record Scenario(String id, String label, String unit, boolean higherIsBetter) {}

    private record Key(String target, String system, String scenario) {}

    private final int workers;
    private final Map<Key, List<Double>> values = new LinkedHashMap<>();
    private final Map<String, Scenario> scenarios = new LinkedHashMap<>();
    private final Map<String, String> targets = new LinkedHashMap<>();
    private final Set<String> peers = new LinkedHashSet<>();
    private double peakHeapMb;
    private boolean rehearsal;

    Results(int workers) {
        this.workers = workers;
    }

    void target(String name, String description) {
        targets.put(name, description);
    }

    /** While on, figures are printed as {@code BENCH_REHEARSAL} lines and kept out of the medians. */
    void rehearsal(boolean on) {
        rehearsal = on;
    }

    void record(String target, String system, Scenario scenario, double value) {
        if (rehearsal) {
            System.out.printf(Locale.ROOT, "BENCH_REHEARSAL target=%s system=%s scenario=%s value=%.1f unit=%s%n",
                    target, system, scenario.id(), value, scenario.unit());
            return;
        }
        scenarios.putIfAbsent(scenario.id(), scenario);
        if (!system.startsWith(EEJOBS)) {
            peers.add(system);
        }
        values.computeIfAbsent(new Key(target, system, scenario.id()), k -> new ArrayList<>()).add(value);
        System.out.printf(Locale.ROOT, "BENCH target=%s system=%s scenario=%s workers=%d value=%.1f unit=%s%n",
                target, system, scenario.id(), workers, value, scenario.unit());
    }

    void heap(double peakMb) {
        peakHeapMb = Math.max(peakHeapMb, peakMb);
    }

    /** Prints the medians line by line, then the tables. */
    void report() {
        System.out.println();
        System.out.printf(Locale.ROOT, "%-8s %-14s %-42s %12s %8s  %s%n", "target", "system", "scenario", "median",
                "unit", "runs");
        values.forEach((key, runs) -> {
            String unit = scenarios.get(key.scenario()).unit();
            System.out.printf(Locale.ROOT, "%-8s %-14s %-42s %12.1f %8s  %s%n", key.target(), key.system(),
                    key.scenario(), median(runs), unit, Arrays.toString(sorted(runs)));
            System.out.printf(Locale.ROOT, "BENCH_MEDIAN target=%s system=%s scenario=%s workers=%d value=%.1f unit=%s%n",
                    key.target(), key.system(), key.scenario(), workers, median(runs), unit);
        });
        if (peakHeapMb > 0) {
            System.out.printf(Locale.ROOT, "BENCH_HEAP peak_mb=%.0f max_mb=512%n", peakHeapMb);
        }
        targets.forEach((name, description) -> System.out.println("target " + name + ": " + description));
        System.out.println();
        peerTable();
        nodeTable();
        scaleTable();
    }

    /** Scenarios measured on one node, each target's eejobs figure beside each peer's. */
    private void peerTable() {
        // a peer measured only in the several-nodes mode (its schedulers one JVM each) has no column here
        List<String> peers = this.peers.stream().filter(p -> values.keySet().stream()
                .anyMatch(k -> k.system().equals(p) && !k.scenario().startsWith("nodes_"))).toList();
        List<String> columns = new ArrayList<>(List.of("scenario"));
        for (String target : targets.keySet()) {
            columns.add(target + ": eejobs");
            for (String peer : peers) {
                columns.add(target + ": " + peer);
                columns.add(target + ": ratio");
            }
        }
        List<List<String>> rows = new ArrayList<>();
        for (Scenario s : scenarios.values()) {
            if (s.id().startsWith("nodes_") || s.id().startsWith("scale_")) {
                continue;
            }
            List<String> row = new ArrayList<>(List.of(s.label()));
            for (String target : targets.keySet()) {
                Double ours = medianOf(target, EEJOBS, s.id());
                row.add(format(ours, s) + runs(target, EEJOBS, s.id()));
                for (String peer : peers) {
                    Double theirs = medianOf(target, peer, s.id());
                    row.add(format(theirs, s));
                    row.add(ratio(ours, theirs, s.higherIsBetter()));
                }
            }
            rows.add(row);
        }
        table("One node: eejobs and its peers in the same run (ratio > 1: eejobs ahead)", columns, rows);
    }

    /** Several nodes on one database against one node, per target. */
    private void nodeTable() {
        List<Integer> counts = new ArrayList<>();
        for (Scenario s : scenarios.values()) {
            if (s.id().startsWith("nodes_")) {
                int k = Integer.parseInt(s.id().replaceAll(".*_(\\d+)_nodes$", "$1"));
                if (!counts.contains(k)) {
                    counts.add(k);
                }
            }
        }
        if (counts.isEmpty()) {
            return;
        }
        List<String> columns = new ArrayList<>(List.of("target", "system"));
        for (int k : counts) {
            columns.add(k + (k == 1 ? " node" : " nodes"));
            if (k != 1) {
                columns.add(k + " vs 1");
            }
        }
        List<List<String>> rows = new ArrayList<>();
        for (String metric : List.of("nodes_drain", "nodes_enqueue_single", "nodes_enqueue_single_all_run",
                "nodes_fenced_writes", "nodes_duplicate_starts", "nodes_reclaimed_jobs")) {
            for (String target : targets.keySet()) {
                Scenario first = counts.stream().map(k -> scenarios.get(metric + "_" + k + "_nodes"))
                        .filter(Objects::nonNull).findFirst().orElse(null);
                // eejobs' rows in either layout, or both; a run of the one-server layout alone has no 1-node row
                List<String> ours = Stream.of(EEJOBS, EEJOBS_ONE_SERVER).filter(system -> measured(target, system,
                        metric, counts)).toList();
                if (first == null || ours.isEmpty()) {
                    continue;
                }
                String label = first.label().replaceAll(" on \\d+ nodes?", "");
                List<String> systems = new ArrayList<>(ours);
                for (String peer : peers) {
                    if (measured(target, peer, metric, counts)) {
                        systems.add(peer);
                    }
                }
                for (String system : systems) {
                    List<String> row = new ArrayList<>(List.of(label, target, system));
                    // one application in one server is one node: the one-server layout starts at 2
                    Double one = medianOf(target, system.equals(EEJOBS_ONE_SERVER) ? EEJOBS : system,
                            metric + "_1_nodes");
                    for (int k : counts) {
                        Scenario s = scenarios.get(metric + "_" + k + "_nodes");
                        Double v = s == null ? null : medianOf(target, system, s.id());
                        row.add(format(v, first) + (s == null ? "" : runs(target, system, s.id())));
                        if (k != 1) {
                            row.add(first.unit().equals("jobs/s") && one != null && v != null
                                    ? String.format(Locale.ROOT, "%.0f %%", 100 * v / one) : "");
                        }
                    }
                    rows.add(row);
                }
                List<String> theirs = systems.subList(ours.size(), systems.size());
                for (String eejobs : ours) { // same-run ratios, per node count, layout against like layout
                    for (String peer : theirs.stream().filter(p -> alike(eejobs, p, theirs)).toList()) {
                        List<String> row = new ArrayList<>(List.of(label, target, "ratio " + eejobs + "/" + peer));
                        for (int k : counts) {
                            Scenario s = scenarios.get(metric + "_" + k + "_nodes");
                            row.add(s == null ? "" : ratio(medianOf(target, eejobs, s.id()),
                                    medianOf(target, peer, s.id()), s.higherIsBetter()));
                            if (k != 1) {
                                row.add("");
                            }
                        }
                        rows.add(row);
                    }
                }
            }
        }
        columns.add(0, "scenario");
        table("Several nodes on one database (aggregate of all nodes; claim conflicts must be 0; " + EEJOBS
                + ": one Payara Micro server per node, " + EEJOBS_ONE_SERVER + ": the nodes as applications of one"
                + " server, one JVM; " + DbSchedulerRuns.NAME_PROCESSES + ": the peer's schedulers one JVM each, "
                + DbSchedulerRuns.NAME + ": all in one JVM)", columns, rows);
    }

    private boolean measured(String target, String system, String metric, List<Integer> counts) {
        return counts.stream().anyMatch(k -> medianOf(target, system, metric + "_" + k + "_nodes") != null);
    }

    /**
     * Whether a ratio of the several-nodes mode compares like with like: eejobs' servers with the
     * peer's schedulers in JVMs of their own (or, when those did not run, its schedulers in one JVM),
     * eejobs' one-server layout with the peer's schedulers in one JVM.
     */
    private static boolean alike(String eejobs, String peer, List<String> peers) {
        boolean ownJvms = peer.equals(DbSchedulerRuns.NAME_PROCESSES);
        if (eejobs.equals(EEJOBS_ONE_SERVER)) {
            return !ownJvms;
        }
        return ownJvms || !peers.contains(DbSchedulerRuns.NAME_PROCESSES);
    }

    /** The opt-in scale mode: a big backlog's drain rate against a small one's, same run. */
    private void scaleTable() {
        List<Scenario> scale = scenarios.values().stream().filter(s -> s.id().startsWith("scale_")).toList();
        if (scale.size() < 2) {
            return;
        }
        Scenario small = scale.get(0);
        List<String> columns = new ArrayList<>(List.of("target"));
        scale.forEach(s -> columns.add(s.label()));
        columns.add("largest vs smallest");
        List<List<String>> rows = new ArrayList<>();
        for (String target : targets.keySet()) {
            List<String> row = new ArrayList<>(List.of(target));
            scale.forEach(s -> row.add(format(medianOf(target, EEJOBS, s.id()), s)));
            Double a = medianOf(target, EEJOBS, small.id());
            Double b = medianOf(target, EEJOBS, scale.get(scale.size() - 1).id());
            row.add(a == null || b == null ? "" : String.format(Locale.ROOT, "%.0f %%", 100 * b / a));
            rows.add(row);
        }
        table("Drain rate against backlog size (eejobs, one node)", columns, rows);
    }

    private Double medianOf(String target, String system, String scenario) {
        List<Double> runs = values.get(new Key(target, system, scenario));
        return runs == null ? null : median(runs);
    }

    private String runs(String target, String system, String scenario) {
        List<Double> runs = values.get(new Key(target, system, scenario));
        if (runs == null || runs.size() < 2) {
            return "";
        }
        Scenario s = scenarios.get(scenario);
        List<String> each = Arrays.stream(sorted(runs)).mapToObj(v -> format(v, s)).toList();
        return " (" + String.join(" / ", each) + ")";
    }

    private static String ratio(Double ours, Double theirs, boolean higherIsBetter) {
        if (ours == null || theirs == null || ours == 0 || theirs == 0) {
            return "—";
        }
        return String.format(Locale.ROOT, "%.2f×", higherIsBetter ? ours / theirs : theirs / ours);
    }

    private static String format(Double v, Scenario s) {
        if (v == null) {
            return "—";
        }
        return switch (s.unit()) {
            case "ms" -> String.format(Locale.ROOT, "%.1f ms", v);
            case "µs/job" -> String.format(Locale.ROOT, "%,.0f µs", v);
            default -> String.format(Locale.ROOT, "%,.0f", v);
        };
    }

    private static void table(String title, List<String> columns, List<List<String>> rows) {
        if (rows.isEmpty()) {
            return;
        }
        System.out.println(title + ":");
        System.out.println();
        System.out.println("| " + String.join(" | ", columns) + " |");
        System.out.println("|" + "---|".repeat(columns.size()));
        rows.forEach(r -> System.out.println("| " + String.join(" | ", r) + " |"));
        System.out.println();
    }

    private static double[] sorted(List<Double> runs) {
        return runs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    private static double median(List<Double> runs) {
        double[] v = sorted(runs);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
