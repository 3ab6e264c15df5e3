package dev.kinflow.testing;

import dev.kinflow.common.KinflowSearchAttributes;
import dev.kinflow.common.TaskQueues;
import io.temporal.client.WorkflowOptions;
import io.temporal.worker.Worker;
import org.mockito.Mockito;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.testing.TestWorkflowEnvironment;

/** A time-skipping Temporal test environment with Kinflow's search attributes registered. */
public final class WorkflowTestEnv {

    private WorkflowTestEnv() {
    }

    public static TestWorkflowEnvironment create() {
        return register(TestWorkflowEnvironment.newInstance());
    }

    /** The same, with the test server's clock starting at {@code initialTime}. */
    public static TestWorkflowEnvironment create(java.time.Instant initialTime) {
        return register(TestWorkflowEnvironment.newInstance(
                io.temporal.testing.TestEnvironmentOptions.newBuilder().setInitialTime(initialTime).build()));
    }

    /** A started environment whose default-queue worker runs {@code workflowType} with these activities. */
    public static TestWorkflowEnvironment started(Class<?> workflowType, Object... activityImplementations) {
        TestWorkflowEnvironment env = create();
        Worker worker = env.newWorker(TaskQueues.DEFAULT);
        worker.registerWorkflowImplementationTypes(workflowType);
        worker.registerActivitiesImplementations(activityImplementations);
        env.start();
        return env;
    }

    /** A Mockito mock of an activity interface (its Temporal annotations are not copied onto the mock class). */
    public static <T> T mockActivities(Class<T> activityInterface) {
        return Mockito.mock(activityInterface, Mockito.withSettings().withoutAnnotations());
    }

    /** Options of a job's workflow as {@code JobLauncher} sets them: default task queue, id and search attributes. */
    public static WorkflowOptions jobOptions(String workflowId, String accountId, String kind) {
        return WorkflowOptions.newBuilder()
                .setTaskQueue(TaskQueues.DEFAULT)
                .setWorkflowId(workflowId)
                .setTypedSearchAttributes(KinflowSearchAttributes.of(accountId, kind))
                .build();
    }

    /** Workflow time from the first to the last event of the workflow's latest run (time skipping included). */
    public static java.time.Duration runTime(TestWorkflowEnvironment env, String workflowId) {
        var events = env.getWorkflowClient().fetchHistory(workflowId).getEvents();
        var first = events.getFirst().getEventTime();
        var last = events.getLast().getEventTime();
        return java.time.Duration.ofSeconds(last.getSeconds() - first.getSeconds(), last.getNanos() - first.getNanos());
    }

    private static TestWorkflowEnvironment register(TestWorkflowEnvironment env) {
        env.registerSearchAttribute(KinflowSearchAttributes.ACCOUNT_ID.getName(),
                IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
        env.registerSearchAttribute(KinflowSearchAttributes.JOB_KIND.getName(),
                IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
        return env;
    }
}
