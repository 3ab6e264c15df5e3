package dev.kinflow.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * The operations of the application's own {@code /v3/api-docs}, so that tests covering "every endpoint" cover the
 * ones added later without being edited.
 */
public final class OpenApiOperations {

    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    private OpenApiOperations() {
    }

    /** A path or query parameter with its JSON-schema type. */
    public record Param(String name, String in, String type, String format, boolean required) {

        /** A value of the right type (that need not exist). */
        public String sample() {
            if ("uuid".equals(format)) {
                return UUID.nameUUIDFromBytes(name.getBytes()).toString();
            }
            return switch (type) {
                case "integer", "number" -> "1";
                case "boolean" -> "true";
                default -> "x";
            };
        }
    }

    /** An operation: method, path template, parameters, and its JSON request body schema ($refs resolved). */
    public record Operation(String method, String path, List<Param> params, JsonNode bodySchema, boolean bodyRequired) {

        /** {@code api}, {@code client} or {@code admin}. */
        public String area() {
            return path.substring(1, path.indexOf('/', 1) < 0 ? path.length() : path.indexOf('/', 1));
        }

        public List<Param> params(String in) {
            return params.stream().filter(p -> p.in().equals(in)).toList();
        }

        /** The path with every path parameter replaced by the given value, or by a sample value when null. */
        public String pathWith(Map<String, String> values) {
            String concrete = path;
            for (Param p : params("path")) {
                concrete = concrete.replace("{" + p.name() + "}", values.getOrDefault(p.name(), p.sample()));
            }
            return concrete;
        }

        public String concretePath() {
            return pathWith(Map.of());
        }

        public boolean hasBody() {
            return bodySchema != null;
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** Every operation under the given top-level path segments. */
    public static List<Operation> under(JsonNode docs, Set<String> areas) {
        List<Operation> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : docs.path("paths").properties()) {
            String first = path.getKey().split("/").length > 1 ? path.getKey().split("/")[1] : "";
            if (!areas.contains(first)) {
                continue;
            }
            for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
                if (!METHODS.contains(method.getKey())) {
                    continue;
                }
                JsonNode op = method.getValue();
                List<Param> params = new ArrayList<>();
                for (JsonNode p : op.path("parameters")) {
                    JsonNode schema = resolve(docs, p.path("schema"));
                    params.add(new Param(p.path("name").asString(), p.path("in").asString(),
                            schema.path("type").asString("string"), schema.path("format").asString(null),
                            p.path("required").asBoolean(false)));
                }
                JsonNode body = op.path("requestBody");
                JsonNode bodySchema = body.isMissingNode() ? null
                        : resolve(docs, body.path("content").path("application/json").path("schema"));
                operations.add(new Operation(method.getKey().toUpperCase(Locale.ROOT), path.getKey(), params,
                        bodySchema, body.path("required").asBoolean(false)));
            }
        }
        return operations;
    }

    /** Follows a {@code $ref} to {@code #/components/schemas/…} (once; nested refs are resolved on use). */
    public static JsonNode resolve(JsonNode docs, JsonNode schema) {
        String ref = schema.path("$ref").asString(null);
        if (ref == null || !ref.startsWith("#/components/schemas/")) {
            return schema;
        }
        return docs.path("components").path("schemas").path(ref.substring("#/components/schemas/".length()));
    }
}
