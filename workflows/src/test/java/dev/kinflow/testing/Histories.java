package dev.kinflow.testing;

import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Records workflow histories for the replay test. A workflow test calls {@link #record} after a representative run;
 * the file is (re)written only when the build runs with {@code -Dkinflow.recordHistories=true}, so a normal build
 * replays the committed histories and catches non-deterministic changes.
 */
public final class Histories {

    public static final Path DIR = Path.of("src/test/resources/histories");

    private Histories() {
    }

    public static void record(WorkflowClient client, String workflowId, String fileName) {
        if (!Boolean.getBoolean("kinflow.recordHistories")) {
            return;
        }
        WorkflowExecutionHistory history = client.fetchHistory(workflowId);
        try {
            Files.createDirectories(DIR);
            Files.writeString(DIR.resolve(fileName + ".json"), history.toJson(true));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
