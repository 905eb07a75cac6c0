package dev.eejobs.store.jpa;

import dev.eejobs.store.NodeRegistry.QueueLoad;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code queues} column of {@code eejobs_node}: {@code name=workers/busy} per queue, comma
 * separated. Queue names are letters, digits, '.', '_' and '-' only, so they need no escaping.
 */
final class QueueLoads {

    private QueueLoads() {}

    static String format(List<QueueLoad> queues, int max) {
        StringBuilder text = new StringBuilder();
        for (QueueLoad q : queues) {
            String one = q.name() + "=" + q.workers() + "/" + q.busy();
            if (text.length() + one.length() + 1 > max) {
                break; // a node with that many queues shows the first ones
            }
            text.append(text.length() == 0 ? "" : ",").append(one);
        }
        return text.toString();
    }

    /** Reads what {@link #format} wrote; a part it cannot read (a row edited by hand) is skipped. */
    static List<QueueLoad> parse(String text) {
        List<QueueLoad> queues = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return queues;
        }
        for (String part : text.split(",")) {
            int eq = part.lastIndexOf('=');
            int slash = part.lastIndexOf('/');
            if (eq <= 0 || slash < eq) {
                continue;
            }
            try {
                queues.add(new QueueLoad(part.substring(0, eq), Integer.parseInt(part.substring(eq + 1, slash)),
                        Integer.parseInt(part.substring(slash + 1))));
            } catch (NumberFormatException e) {
                // skipped: see above
            }
        }
        return queues;
    }
}
