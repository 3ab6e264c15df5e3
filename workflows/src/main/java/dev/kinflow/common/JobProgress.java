package dev.kinflow.common;

import java.util.Map;

/**
 * What a running job reports through its {@code progress()} query and, as {@code text}, through the current
 * details shown in the Temporal Web UI.
 *
 * @param phase    a short machine-readable step name, e.g. {@code listing}
 * @param text     one human-readable line, e.g. "listing 4/11 pages, 380 contacts"
 * @param done     units of work finished in this phase
 * @param total    units of work known for this phase (0 when unknown)
 * @param counters named counts (ids and numbers only, never contact data)
 */
public record JobProgress(String phase, String text, long done, long total, Map<String, Long> counters) {

    public JobProgress {
        counters = counters == null ? Map.of() : Map.copyOf(counters);
    }

    public static JobProgress starting() {
        return new JobProgress("starting", "starting", 0, 0, Map.of());
    }
}
