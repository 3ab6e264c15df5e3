package dev.kinflow.common.embedded;

import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.spring.boot.WorkerOptionsCustomizer;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Sticky workflow execution off when the Temporal service is the Temporal Java test server (Kinflow's embedded one).
 * A real Temporal server moves a workflow task off a dead worker's sticky queue after the sticky schedule-to-start
 * timeout; the test server never does, so a worker process killed while it held a workflow in its cache would leave
 * that workflow stalled for good — found by {@code ProductionTopologyTest}, whose import stopped for five minutes after
 * one of two workers was SIGKILLed. Without sticky execution every workflow task goes to the shared task queue and any
 * live worker takes it (at the price of replaying the history for each task).
 *
 * <p>{@code KINFLOW_TEMPORAL_STICKY_EXECUTION}: {@code auto} (default) asks the server once ({@code GetSystemInfo}: the
 * test server reports no server version, every real server does); {@code on} / {@code off} decide without asking.
 * Not applied with {@code spring.temporal.test-server.enabled} (an in-JVM test environment, nothing to share).
 */
@Component
class TestServerStickyExecution implements WorkerOptionsCustomizer {

    private static final Log LOG = LogFactory.getLog(TestServerStickyExecution.class);

    private final ObjectProvider<WorkflowServiceStubs> stubs;
    private final String setting;
    private final boolean inJvmTestServer;
    private Boolean sticky;

    TestServerStickyExecution(ObjectProvider<WorkflowServiceStubs> stubs,
                              @Value("${kinflow.temporal.sticky-execution:auto}") String setting,
                              @Value("${spring.temporal.test-server.enabled:false}") boolean inJvmTestServer) {
        this.stubs = stubs;
        this.setting = setting;
        this.inJvmTestServer = inJvmTestServer;
    }

    @Override
    public WorkerOptions.Builder customize(WorkerOptions.Builder options, String workerName, String taskQueue) {
        if (!stickyExecution()) {
            options.setStickyQueueScheduleToStartTimeout(Duration.ZERO); // zero: no sticky attributes are sent
        }
        return options;
    }

    synchronized boolean stickyExecution() {
        if (sticky == null) {
            sticky = decide();
        }
        return sticky;
    }

    private boolean decide() {
        if (inJvmTestServer || setting.equals("on")) {
            return true;
        }
        if (setting.equals("off")) {
            return false;
        }
        if (!setting.equals("auto")) {
            throw new IllegalStateException("KINFLOW_TEMPORAL_STICKY_EXECUTION must be auto, on or off, not '"
                    + setting + "'");
        }
        try {
            String version = stubs.getObject().blockingStub()
                    .getSystemInfo(GetSystemInfoRequest.getDefaultInstance()).getServerVersion();
            if (version.isEmpty()) {
                LOG.warn("The Temporal service is a Temporal test server (Kinflow's embedded one): sticky workflow"
                        + " execution is off, so the workflows of a worker process that dies move to the other workers");
                return false;
            }
            return true;
        } catch (RuntimeException unreachable) {
            LOG.warn("Could not ask the Temporal service what it is (" + unreachable.getMessage() + "): keeping sticky"
                    + " workflow execution on; set KINFLOW_TEMPORAL_STICKY_EXECUTION=off for a Temporal test server");
            return true;
        }
    }
}
