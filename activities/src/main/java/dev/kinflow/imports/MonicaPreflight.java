package dev.kinflow.imports;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Checks before an import starts that the Monica URL answers like a Monica API and accepts the token: one
 * {@code GET /api/me} through {@link MonicaClient} (so whatever outbound policy the client applies, applies here),
 * bounded by {@link Settings#timeout()} in total, whatever the network does. The request draws a slot from the
 * credential's request budget ({@link MonicaBudget}) like any import request; when the budget has no slot within
 * the bound (the token is busy with other imports right now), the check is skipped rather than overrunning Monica's
 * limit: the import itself then waits for the budget and reports its own failures.
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

    private static final Logger log = LoggerFactory.getLogger(MonicaPreflight.class);

    private final MonicaClient client;
    private final MonicaBudget budget;
    private final CredentialStore credentials;
    private final Duration timeout;
    private final ExecutorService checks = Executors.newVirtualThreadPerTaskExecutor();

    @Autowired
    public MonicaPreflight(MonicaClient client, MonicaBudget budget, CredentialStore credentials, Settings settings) {
        this.client = client;
        this.budget = budget;
        this.credentials = credentials;
        this.timeout = settings.timeout();
    }

    /** Without a budget (tests of the classification only). */
    MonicaPreflight(MonicaClient client, Settings settings) {
        this(client, null, null, settings);
    }

    /**
     * Empty when Monica answered and accepted the token (or the credential's budget had no slot within the bound);
     * else why not.
     */
    public Optional<Failure> check(String baseUrl, String token, int requestsPerMinute) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Long slot = null;
        if (budget != null) {
            String budgetKey = MonicaBudgetKey.of(credentials, baseUrl, token);
            String slotKey = "preflight-" + UUID.randomUUID();
            while (slot == null) {
                MonicaBudget.Decision decision = budget.take(budgetKey, slotKey, requestsPerMinute);
                if (decision instanceof MonicaBudget.Decision.Send(long slotId)) {
                    slot = slotId;
                } else {
                    long waitMillis = ((MonicaBudget.Decision.Wait) decision).budgetWait().millis();
                    // keep at least half the bound for the request itself; the slot left reserved expires unused
                    if (System.nanoTime() + waitMillis * 1_000_000 > deadline - timeout.toNanos() / 2) {
                        log.info("Pre-flight skipped: the credential's request budget has no slot within the bound");
                        return Optional.empty();
                    }
                    sleep(waitMillis);
                }
            }
        }
        Duration remaining = Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
        Checked checked = request(baseUrl, token, remaining);
        if (slot != null) {
            budget.complete(slot, checked.retryAfterSeconds());
        }
        return checked.failure();
    }

    /** The outcome of the request and, for a 429, its {@code Retry-After} (it blocks the budget like any 429). */
    private record Checked(Optional<Failure> failure, int retryAfterSeconds) {
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(Math.max(1, millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Checked request(String baseUrl, String token, Duration bound) {
        // the response timeout leaves a margin inside the overall bound, so a slow answer is classified as such
        Duration responseTimeout = bound.multipliedBy(9).dividedBy(10);
        Future<MonicaClient.Response> call = checks.submit(() -> client.get(baseUrl, token, "/api/me",
                responseTimeout));
        MonicaClient.Response response;
        try {
            response = call.get(Math.max(1, bound.toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            return new Checked(Optional.of(new Failure(MonicaProblem.TIMEOUT, "no answer within "
                    + timeout.toSeconds() + " s")), 0);
        } catch (ExecutionException e) {
            return new Checked(Optional.of(new Failure(MonicaProblem.UNREACHABLE, "the request could not be made ("
                    + e.getCause().getClass().getSimpleName() + ")")), 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Checked(Optional.of(new Failure(MonicaProblem.TIMEOUT, "interrupted")), 0);
        }
        MonicaCall result = response.call();
        int retryAfter = result.outcome() == MonicaCall.Outcome.RATE_LIMITED ? Math.max(1, result.retryAfterSeconds())
                : 0;
        return new Checked(verdict(response), retryAfter);
    }

    private static Optional<Failure> verdict(MonicaClient.Response response) {
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
