package dev.kinflow.common.temporal;

import dev.kinflow.common.KinflowSearchAttributes;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.common.SearchAttributeKey;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Registers Kinflow's custom search attributes on the namespace when they are missing, before anything starts a
 * workflow (starting one with an unregistered attribute fails).
 */
@Component
public class SearchAttributeRegistrar implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(SearchAttributeRegistrar.class);
    private static final List<SearchAttributeKey<String>> KEYS =
            List.of(KinflowSearchAttributes.ACCOUNT_ID, KinflowSearchAttributes.JOB_KIND);

    private final WorkflowClient client;

    public SearchAttributeRegistrar(WorkflowClient client) {
        this.client = client;
    }

    @Override
    public void afterPropertiesSet() {
        String namespace = client.getOptions().getNamespace();
        OperatorServiceStubs operator = OperatorServiceStubs.newServiceStubs(OperatorServiceStubsOptions.newBuilder()
                .setChannel(client.getWorkflowServiceStubs().getRawChannel())
                .validateAndBuildWithDefaults());
        Map<String, IndexedValueType> existing = existing(operator, namespace);
        for (SearchAttributeKey<String> key : KEYS) {
            if (existing.containsKey(key.getName())) {
                continue;
            }
            try {
                operator.blockingStub().addSearchAttributes(AddSearchAttributesRequest.newBuilder()
                        .setNamespace(namespace)
                        .putSearchAttributes(key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
                        .build());
                log.info("Registered search attribute {} (Keyword) on namespace {}", key.getName(), namespace);
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() != Status.Code.ALREADY_EXISTS) {
                    throw e;
                }
            }
        }
    }

    private static Map<String, IndexedValueType> existing(OperatorServiceStubs operator, String namespace) {
        try {
            return operator.blockingStub()
                    .listSearchAttributes(ListSearchAttributesRequest.newBuilder().setNamespace(namespace).build())
                    .getCustomAttributesMap();
        } catch (StatusRuntimeException e) {
            // the Temporal test server does not implement the listing; adding then reports ALREADY_EXISTS
            return Map.of();
        }
    }
}
