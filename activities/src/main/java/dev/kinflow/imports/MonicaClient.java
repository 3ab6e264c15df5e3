package dev.kinflow.imports;

import dev.kinflow.common.outbound.OutboundHttpClients;
import dev.kinflow.common.outbound.RefusedAddressException;
import dev.kinflow.imports.MonicaCall.Outcome;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.io.ModalCloseable;
import org.apache.hc.core5.util.Timeout;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes one GET to a Monica instance and classifies the result; never retries (the workflow does). Always sends
 * {@code Accept: application/json} (without it Monica answers 401s with a 302 to its login page). Connections go
 * through {@link OutboundHttpClients}: only addresses the {@link dev.kinflow.common.outbound.OutboundAddressPolicy}
 * permits (else {@link MonicaProblem#ADDRESS_REFUSED}), no redirects followed. A body is read up to
 * {@link MonicaHttpProperties#maxResponseSize()} and no further (the connection is dropped, not drained): a bigger one
 * is a {@code REJECTED} call ({@link MonicaProblem#RESPONSE_TOO_LARGE}), never an out-of-memory worker. An in-process
 * resilience4j limiter per host is a second guard behind the workflow's pacing, sized above the workflow's limit so
 * that it only ever bites when something else went wrong.
 */
@Component
public class MonicaClient implements AutoCloseable {

    /** A response: its classification and, when OK or 404, the parsed body. */
    public record Response(MonicaCall call, JsonNode body) {
    }

    private final CloseableHttpClient http;
    private final JsonMapper json;
    private final Duration timeout;
    private final int maxResponseBytes;
    private final RateLimiterRegistry limiters;

    public MonicaClient(JsonMapper json, MonicaHttpProperties properties, OutboundHttpClients clients) {
        this.json = json;
        this.timeout = properties.httpTimeout();
        this.http = clients.create(Duration.ofSeconds(10), properties.httpTimeout());
        this.maxResponseBytes = (int) Math.min(Integer.MAX_VALUE - 16, properties.maxResponseSize().toBytes());
        this.limiters = RateLimiterRegistry.of(RateLimiterConfig.custom()
                .limitForPeriod(Math.max(1, properties.hostGuardPerMinute()))
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
        HttpGet request = new HttpGet(uri);
        request.setConfig(RequestConfig.custom()
                .setResponseTimeout(Timeout.of(responseTimeout))
                .setRedirectsEnabled(false)
                .build());
        request.setHeader("Accept", "application/json");
        request.setHeader("Authorization", "Bearer " + token);
        try {
            ClassicHttpResponse response = http.executeOpen(null, request, null);
            Response result;
            try {
                result = classify(response);
            } catch (IOException | RuntimeException e) {
                closeImmediately(response);
                throw e;
            }
            if (result.body() == null) {
                closeImmediately(response); // a body not read to its end: drop the connection, never drain it
            } else {
                response.close(); // read to its end: the connection goes back to the pool
            }
            return result;
        } catch (RefusedAddressException e) {
            return new Response(new MonicaCall(Outcome.REJECTED, 0, 0, e.getMessage(),
                    MonicaProblem.ADDRESS_REFUSED), null);
        } catch (IOException e) {
            return new Response(MonicaFailures.classify(e, uri, responseTimeout), null);
        }
    }

    private static void closeImmediately(ClassicHttpResponse response) {
        if (response instanceof ModalCloseable closeable) {
            closeable.close(CloseMode.IMMEDIATE);
        }
    }

    private Response classify(ClassicHttpResponse response) throws IOException {
        int status = response.getCode();
        if (status == 429) {
            int retryAfter = Optional.ofNullable(response.getFirstHeader("Retry-After")).map(Header::getValue)
                    .map(MonicaClient::seconds).orElse(60);
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
        HttpEntity entity = response.getEntity();
        if (entity == null) {
            return transientFailure(MonicaProblem.NOT_A_MONICA, status, "HTTP 200 without a body");
        }
        if (entity.getContentLength() > maxResponseBytes) {
            return tooLarge(status);
        }
        // not closed here: closing the stream would drain the rest; the caller drops the connection instead
        byte[] bytes = entity.getContent().readNBytes(maxResponseBytes + 1);
        if (bytes.length > maxResponseBytes) {
            return tooLarge(status);
        }
        try {
            JsonNode body = json.readTree(bytes);
            if (body == null || !body.isObject() || !body.has("data")) {
                return transientFailure(MonicaProblem.NOT_A_MONICA, status, "HTTP 200 without a JSON \"data\" member");
            }
            return new Response(MonicaCall.ok(), body);
        } catch (JacksonException e) {
            return transientFailure(MonicaProblem.NOT_A_MONICA, status, "HTTP 200 with a truncated or non-JSON body");
        }
    }

    private Response tooLarge(int status) {
        return new Response(new MonicaCall(Outcome.REJECTED, status, 0, "response over the size cap ("
                + DataSize.ofBytes(maxResponseBytes).toMegabytes() + " MB)", MonicaProblem.RESPONSE_TOO_LARGE), null);
    }

    /** Closes the connection pool (Spring calls it when the context closes). */
    @Override
    public void close() throws IOException {
        http.close();
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
