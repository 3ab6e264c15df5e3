package dev.kinflow.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kinflow.accounts.AccountBootstrapWorkflowImpl;
import dev.kinflow.backfill.BackfillWorkflowImpl;
import dev.kinflow.duplicates.DuplicateScanWorkflowImpl;
import dev.kinflow.imports.ContactImportWorkflowImpl;
import dev.kinflow.imports.FileImportWorkflowImpl;
import dev.kinflow.imports.PhotoImportWorkflowImpl;
import dev.kinflow.outreach.OutreachBatchWorkflowImpl;
import dev.kinflow.reset.AccountResetWorkflowImpl;
import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays every recorded history under {@code src/test/resources/histories/} against the current workflow code, so a
 * change that would break running workflows (non-determinism) fails the build. Re-record with
 * {@code ./mvnw -pl workflows test -Dkinflow.recordHistories=true} after an intentional, versioned change.
 */
class ReplayTest {

    /** Every workflow implementation; a workflow type without a history here fails {@link #everyWorkflowHasAHistory}. */
    static final List<Class<?>> WORKFLOWS = List.of(AccountBootstrapWorkflowImpl.class,
            BackfillWorkflowImpl.class, OutreachBatchWorkflowImpl.class,
            DuplicateScanWorkflowImpl.class, ContactImportWorkflowImpl.class, PhotoImportWorkflowImpl.class,
            AccountResetWorkflowImpl.class, FileImportWorkflowImpl.class);

    @TestFactory
    Stream<DynamicTest> replaysEveryRecordedHistory() throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(Histories.DIR)) {
            files = listing.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () ->
                WorkflowReplayer.replayWorkflowExecution(Files.readString(file), WORKFLOWS.getFirst(),
                        WORKFLOWS.subList(1, WORKFLOWS.size()).toArray(Class<?>[]::new))));
    }

    @org.junit.jupiter.api.Test
    void everyWorkflowHasAHistory() throws IOException {
        String all;
        try (Stream<Path> listing = Files.list(Histories.DIR)) {
            all = String.join("\n", listing.filter(p -> p.toString().endsWith(".json")).map(p -> {
                try {
                    return Files.readString(p);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList());
        }
        for (Class<?> impl : WORKFLOWS) {
            String type = impl.getInterfaces()[0].getSimpleName();
            assertThat(all).as("a recorded history of %s", type).contains("\"" + type + "\"");
        }
    }
}
