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
 * @param waiting  why and until when the job is waiting right now, or null while it works
 */
public record JobProgress(String phase, String text, long done, long total, Map<String, Long> counters,
                          Waiting waiting) {

    public JobProgress {
        counters = counters == null ? Map.of() : Map.copyOf(counters);
    }

    public JobProgress(String phase, String text, long done, long total, Map<String, Long> counters) {
        this(phase, text, done, total, counters, null);
    }

    public static JobProgress starting() {
        return new JobProgress("starting", "starting", 0, 0, Map.of());
    }

    /** The same progress, waiting for the given reason (null: working again). */
    public JobProgress withWaiting(Waiting value) {
        return new JobProgress(phase, text, done, total, counters, value);
    }
}
