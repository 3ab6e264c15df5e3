package dev.kinflow.common.temporal;

import io.temporal.client.WorkflowClient;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/** {@code /actuator/health} component "temporal": the frontend's gRPC health check. */
@Component("temporal")
public class TemporalHealthIndicator extends AbstractHealthIndicator {

    private final WorkflowClient client;

    public TemporalHealthIndicator(WorkflowClient client) {
        this.client = client;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        var response = client.getWorkflowServiceStubs().healthCheck();
        builder.status(response.getStatus().name().equals("SERVING") ? "UP" : "DOWN")
                .withDetail("namespace", client.getOptions().getNamespace())
                .withDetail("status", response.getStatus().name());
    }
}
