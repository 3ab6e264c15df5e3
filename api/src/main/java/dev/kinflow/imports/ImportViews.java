package dev.kinflow.imports;

import dev.kinflow.common.Waiting;
import dev.kinflow.jobs.JobError;
import dev.kinflow.jobs.JobRun;
import dev.kinflow.jobs.JobView;
import dev.kinflow.jobs.ProgressView;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The response records of {@code /api/imports}. */
public final class ImportViews {

    private ImportViews() {
    }

    /** {@code POST /api/imports} and {@code /retry}: the import was accepted and its job started. */
    public record Started(UUID id, UUID jobId, String workflowId, String status, UUID retryOf) {
    }

    /** {@code POST /api/imports/{id}/cancel}. */
    public record Cancelling(UUID id, String status) {
    }

    /**
     * The options an import runs with ({@code photos}, {@code extraData} and {@code requestsPerMinute} concern Monica
     * imports; {@code tags}, added to every contact, file imports).
     */
    public record Options(boolean photos, boolean autoMerge, boolean extraData, String defaultRegion,
                          int requestsPerMinute, List<String> tags) {

        static Options of(ImportOptions options, List<String> tags) {
            return new Options(options.photos(), options.autoMerge(), options.extraData(), options.defaultRegion(),
                    options.requestsPerMinute(), tags);
        }

        /** The tags a file import recorded in its job's options (none for Monica imports). */
        static List<String> recordedTags(JobRun job) {
            Object options = job.params() == null ? null : job.params().get("options");
            Object tags = options instanceof Map<?, ?> map ? map.get("tags") : null;
            return tags instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
        }
    }

    /**
     * {@code GET /api/imports/{id}}: the import's job.
     *
     * @param summary  {@code contacts}, {@code coverageBackfill}, {@code autoMerged}, {@code photos}, … (see
     *                 docs/imports.md)
     * @param error    why it failed, e.g. {@code {type: "MonicaUnreachable", message: "Monica unreachable (connection
     *                 refused (127.0.0.1:1))", step: "listing page 1", attempts: 10}}
     * @param retryOf  the import this one retries, or null
     * @param source   {@code monica}, {@code csv} or {@code vcard}
     */
    public record Import(UUID id, String source, UUID jobId, String workflowId, String status, Instant createdAt,
                         Instant finishedAt, Options options, ProgressView progress, Waiting waiting,
                         Map<String, Object> summary, JobError error, UUID retryOf) {

        static Import of(UUID importId, JobRun job, JobView view) {
            Object retryOf = job.params() == null ? null : job.params().get(ImportStarter.RETRY_OF_IMPORT_PARAM);
            Object source = job.params() == null ? null : job.params().get("source");
            return new Import(importId, source == null ? "monica" : String.valueOf(source), view.id(),
                    view.workflowId(), view.status(), view.createdAt(), view.finishedAt(),
                    Options.of(ImportStarter.recordedOptions(job), Options.recordedTags(job)), view.progress(),
                    view.waiting(), view.summary(), view.error(),
                    retryOf == null ? null : UUID.fromString(String.valueOf(retryOf)));
        }
    }
}
