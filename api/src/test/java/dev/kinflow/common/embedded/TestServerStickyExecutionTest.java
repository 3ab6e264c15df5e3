package dev.kinflow.common.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/** Against a real Temporal test server: recognised, and its workers ask for no sticky execution. */
class TestServerStickyExecutionTest {

    static TestServerStickyExecution policy(WorkflowServiceStubs stubs, String setting, boolean inJvm) {
        return new TestServerStickyExecution(new StaticListableBeanFactory(Map.of("stubs", stubs))
                .getBeanProvider(WorkflowServiceStubs.class), setting, inJvm);
    }

    @Test
    void aTestServerIsRecognisedAndItsWorkersAreNotSticky() {
        try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
            WorkflowServiceStubs stubs = env.getWorkflowServiceStubs();
            TestServerStickyExecution auto = policy(stubs, "auto", false);
            assertThat(auto.stickyExecution()).isFalse();
            WorkerOptions options = auto.customize(WorkerOptions.newBuilder(), "w", "q").build();
            assertThat(options.getStickyQueueScheduleToStartTimeout()).isEqualTo(Duration.ZERO);

            assertThat(policy(stubs, "on", false).stickyExecution()).isTrue();
            assertThat(policy(stubs, "off", false).stickyExecution()).isFalse();
            assertThat(policy(stubs, "auto", true).stickyExecution()).as("in-JVM test environment").isTrue();
            assertThat(policy(stubs, "on", false).customize(WorkerOptions.newBuilder(), "w", "q").build()
                    .getStickyQueueScheduleToStartTimeout()).isNull();
        }
    }
}
