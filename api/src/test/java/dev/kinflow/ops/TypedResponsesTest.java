package dev.kinflow.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kinflow.testing.ApiTestBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every operation's success response is described field by field in {@code /v3/api-docs}: its schema is a record
 * (a component with properties, or one of several), a list of such, or a scalar — never an untyped object such as a
 * {@code Map<String, Object>}.
 */
class TypedResponsesTest extends ApiTestBase {

    @Test
    void noOperationAnswersAnUntypedObject() {
        JsonNode docs = api.get("/v3/api-docs", null).body();
        JsonNode schemas = docs.path("components").path("schemas");
        List<String> untyped = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<String, JsonNode> path : docs.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                for (Map.Entry<String, JsonNode> response : operation.getValue().path("responses").properties()) {
                    if (!response.getKey().startsWith("2")) {
                        continue;
                    }
                    for (Map.Entry<String, JsonNode> content : response.getValue().path("content").properties()) {
                        checked++;
                        if (!typed(content.getValue().path("schema"), schemas)) {
                            untyped.add(operation.getKey().toUpperCase() + " " + path.getKey() + " " + response.getKey()
                                    + " " + content.getValue().path("schema"));
                        }
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(40);
        assertThat(untyped).as("operations whose 2xx response is an untyped object").isEmpty();
    }

    private static boolean typed(JsonNode schema, JsonNode schemas) {
        if (schema.has("$ref")) {
            String name = schema.path("$ref").asString().substring("#/components/schemas/".length());
            JsonNode component = schemas.path(name);
            return component.has("properties") || component.has("oneOf") || component.has("allOf")
                    || component.has("enum");
        }
        if (schema.has("oneOf")) {
            for (JsonNode option : schema.path("oneOf")) {
                if (!typed(option, schemas)) {
                    return false;
                }
            }
            return true;
        }
        String type = schema.path("type").asString("");
        if (type.equals("array")) {
            return typed(schema.path("items"), schemas);
        }
        return !type.isEmpty() && !type.equals("object");
    }
}
