package dev.kinflow.imports;

import dev.kinflow.imports.MonicaCall.Outcome;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes one GET to a Monica instance and classifies the result; never retries (the workflow does). Always sends
 * {@code Accept: application/json} (without it Monica answers 401s with a 302 to its login page). An in-process
 * resilience4j limiter per host is a second guard behind the workflow's pacing, sized above the workflow's limit so
 * that it only ever bites when something else went wrong.
 */
@Component
public class MonicaClient {

    /** A response: its classification and, when OK or 404, the parsed body. */
    public record Response(MonicaCall call, JsonNode body) {
    }

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final JsonMapper json;
    private final Duration timeout;
    private final RateLimiterRegistry limiters;

    public MonicaClient(JsonMapper json, @Value("${kinflow.imports.http-timeout:30s}") Duration timeout,
                        @Value("${kinflow.imports.host-guard-per-minute:600}") int guardPerMinute) {
        this.json = json;
        this.timeout = timeout;
        this.limiters = RateLimiterRegistry.of(RateLimiterConfig.custom()
                .limitForPeriod(Math.max(1, guardPerMinute))
                .limitRefreshPeriod(Duration.ofMinutes(1))
                .timeoutDuration(Duration.ofSeconds(5))
                .build());
    }

    public Response get(String baseUrl, String token, String pathAndQuery) {
        return get(baseUrl, token, pathAndQuery, timeout);
    }

    /** One GET with its own response timeout (the pre-flight check answers within a bounded time). */
    public Response get(String baseUrl, String token, String pathAndQuery, Duration responseTimeout) {
        URI uri = URI.create(stripSlash(baseUrl) + pathAndQuery);
        RateLimiter guard = limiters.rateLimiter(uri.getHost() + ":" + uri.getPort());
        if (!guard.acquirePermission()) {
            return new Response(new MonicaCall(Outcome.RATE_LIMITED, 0, 5, "host guard", MonicaProblem.RATE_LIMITED),
                    null);
        }
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(responseTimeout)
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + token)
                .GET()
                .build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            return new Response(MonicaFailures.classify(e, uri, responseTimeout), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return transientFailure(MonicaProblem.UNREACHABLE, 0, "interrupted");
        }
        int status = response.statusCode();
        if (status == 429) {
            int retryAfter = response.headers().firstValue("Retry-After").map(MonicaClient::seconds).orElse(60);
            return new Response(new MonicaCall(Outcome.RATE_LIMITED, 429, retryAfter, "HTTP 429",
                    MonicaProblem.RATE_LIMITED), null);
        }
        if (status == 401 || status == 403 || status == 302) {
            return new Response(new MonicaCall(Outcome.UNAUTHORIZED, status, 0, "HTTP " + status,
                    MonicaProblem.TOKEN_REJECTED), null);
        }
        if (status >= 500 || status == 408) {
            return transientFailure(MonicaProblem.SERVER_ERROR, status, "HTTP " + status);
        }
        if (status == 404) {
            return new Response(new MonicaCall(Outcome.NOT_FOUND, 404, 0, "HTTP 404"), null);
        }
        if (status != 200) {
            return new Response(new MonicaCall(Outcome.REJECTED, status, 0, "HTTP " + status,
                    MonicaProblem.REQUEST_REJECTED), null);
        }
        try {
            JsonNode body = json.readTree(response.body());
            if (body == null || !body.isObject() || !body.has("data")) {
                return transientFailure(MonicaProblem.NOT_A_MONICA, status, "HTTP 200 without a JSON \"data\" member");
            }
            return new Response(MonicaCall.ok(), body);
        } catch (JacksonException e) {
            return transientFailure(MonicaProblem.NOT_A_MONICA, status, "HTTP 200 with a truncated or non-JSON body");
        }
    }

    private static Response transientFailure(MonicaProblem problem, int status, String detail) {
        return new Response(MonicaCall.transientFailure(problem, status, detail), null);
    }

    private static int seconds(String value) {
        try {
            return Math.max(1, Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            return 60;
        }
    }

    private static String stripSlash(String baseUrl) {
        return baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }
}
