package dev.kinflow.jobs;

import dev.kinflow.common.JobProgress;
import dev.kinflow.common.Waiting;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A job's progress as the REST API shows it (the live {@code progress()} query while it runs, the last stored value
 * afterwards).
 *
 * @param phase    a short step name, e.g. {@code listing}, {@code extra}
 * @param text     one readable line, e.g. "listing 4/11 pages, 380 contacts"
 * @param done     units done in this phase
 * @param total    units known for this phase (0: unknown)
 * @param counters named counts
 * @param waiting  why and until when the job waits right now, or null
 */
public record ProgressView(String phase, String text, long done, long total, Map<String, Long> counters,
                           Waiting waiting) {

    public static ProgressView of(JobProgress progress) {
        return progress == null ? null : new ProgressView(progress.phase(), progress.text(), progress.done(),
                progress.total(), progress.counters(), progress.waiting());
    }

    /** From the JSON stored in {@code job_runs.progress} (older rows may lack fields). */
    public static ProgressView of(Map<String, Object> stored) {
        if (stored == null || stored.isEmpty()) {
            return null;
        }
        Map<String, Long> counters = new LinkedHashMap<>();
        if (stored.get("counters") instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                if (value instanceof Number number) {
                    counters.put(String.valueOf(key), number.longValue());
                }
            });
        }
        Waiting waiting = null;
        if (stored.get("waiting") instanceof Map<?, ?> map && map.get("reason") != null) {
            Object until = map.get("until");
            waiting = new Waiting(String.valueOf(map.get("reason")),
                    until == null ? null : Instant.parse(String.valueOf(until)));
        }
        return new ProgressView(text(stored.get("phase")), text(stored.get("text")), number(stored.get("done")),
                number(stored.get("total")), counters, waiting);
    }

    private static String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    private static long number(Object value) {
        return value instanceof Number number ? number.longValue() : 0;
    }
}
