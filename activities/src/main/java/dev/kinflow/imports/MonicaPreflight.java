package dev.kinflow.imports;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Checks before an import starts that the Monica URL answers like a Monica API and accepts the token: one
 * {@code GET /api/me} through {@link MonicaClient} (so whatever outbound policy the client applies, applies here),
 * bounded by {@link Settings#timeout()} in total, whatever the network does.
 */
@Component
public class MonicaPreflight {

    /** {@code kinflow.imports.preflight.*}. */
    @ConfigurationProperties("kinflow.imports.preflight")
    public record Settings(Duration timeout) {
        public Settings {
            timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        }
    }

    /** Why the check failed: the problem (its type names the cause) and one readable line. */
    public record Failure(MonicaProblem problem, String message) {
    }

    private final MonicaClient client;
    private final Duration timeout;
    private final ExecutorService checks = Executors.newVirtualThreadPerTaskExecutor();

    public MonicaPreflight(MonicaClient client, Settings settings) {
        this.client = client;
        this.timeout = settings.timeout();
    }

    /** Empty when Monica answered and accepted the token; else why not. */
    public Optional<Failure> check(String baseUrl, String token) {
        // Seam for the per-credential request budget (#15): this is one request of the credential (base URL + token
        // fingerprint); when the budget exists, draw one permit from it here, before the request.
        // the response timeout leaves a margin inside the overall bound, so a slow answer is classified as such
        Duration responseTimeout = timeout.multipliedBy(9).dividedBy(10);
        Future<MonicaClient.Response> call = checks.submit(() -> client.get(baseUrl, token, "/api/me",
                responseTimeout));
        MonicaClient.Response response;
        try {
            response = call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            return Optional.of(new Failure(MonicaProblem.TIMEOUT, "no answer within " + timeout.toSeconds() + " s"));
        } catch (ExecutionException e) {
            return Optional.of(new Failure(MonicaProblem.UNREACHABLE, "the request could not be made ("
                    + e.getCause().getClass().getSimpleName() + ")"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(new Failure(MonicaProblem.TIMEOUT, "interrupted"));
        }
        MonicaCall result = response.call();
        return switch (result.outcome()) {
            case OK -> response.body().path("data").has("id") ? Optional.empty()
                    : Optional.of(new Failure(MonicaProblem.NOT_A_MONICA, "GET /api/me answered without a user"));
            // Monica is there and counting this token's requests: the import itself honours the Retry-After
            case RATE_LIMITED -> Optional.empty();
            case NOT_FOUND -> Optional.of(new Failure(MonicaProblem.NOT_A_MONICA,
                    "GET /api/me answered HTTP 404: no Monica API at this address"));
            case UNAUTHORIZED -> Optional.of(new Failure(MonicaProblem.TOKEN_REJECTED,
                    "Monica rejected the API token (HTTP " + result.httpStatus() + ")"));
            default -> Optional.of(new Failure(result.problemOrGuess(), result.describe()));
        };
    }
}
