package dev.kinflow.testing;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A tiny JSON-over-HTTP client for API tests: never throws on error statuses, so tests assert them. */
public final class ApiClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    public ApiClient(int port) {
        this.baseUrl = "http://127.0.0.1:" + port;
    }

    /** A response with its JSON body parsed (a missing or non-JSON body is an empty object). */
    public record Response(int status, String contentType, JsonNode body, String raw) {

        public JsonNode json(String field) {
            return body.path(field);
        }
    }

    public Response get(String path, String token) {
        return send("GET", path, token, null);
    }

    public Response delete(String path, String token) {
        return send("DELETE", path, token, null);
    }

    public Response post(String path, String token, Object body) {
        return send("POST", path, token, body instanceof String s ? s : JSON.writeValueAsString(body));
    }

    public Response put(String path, String token, Object body) {
        return send("PUT", path, token, body instanceof String s ? s : JSON.writeValueAsString(body));
    }

    public Response patch(String path, String token, Object body) {
        return send("PATCH", path, token, body instanceof String s ? s : JSON.writeValueAsString(body));
    }

    public Response send(String method, String path, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return send(request, token);
    }

    /**
     * {@code POST} as {@code multipart/form-data}: the text fields (a null value is left out), then the file as part
     * {@code file} (left out when null).
     */
    public Response postMultipart(String path, String token, Map<String, String> fields, String fileName,
                                  byte[] file) {
        String boundary = "kinflow-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        fields.forEach((name, value) -> {
            if (value != null) {
                body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name
                        + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
        });
        if (file != null) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                    + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.writeBytes(file);
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(120))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())), token);
    }

    private Response send(HttpRequest.Builder request, String token) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String raw = response.body();
            JsonNode json;
            try {
                json = raw == null || raw.isBlank() ? JSON.createObjectNode() : JSON.readTree(raw);
            } catch (RuntimeException notJson) {
                json = JSON.createObjectNode();
            }
            return new Response(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""), json, raw);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
