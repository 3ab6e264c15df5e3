package dev.kinflow.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.kinflow.common.outbound.OutboundAddressPolicy;
import dev.kinflow.common.outbound.OutboundHttpClients;
import dev.kinflow.common.outbound.OutboundProperties;
import dev.kinflow.imports.MonicaCall.Outcome;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

/**
 * How {@link MonicaClient} classifies what goes wrong, and what the import pre-flight makes of it, against a local
 * HTTP stub on 127.0.0.1 (and a {@code .invalid} name, which never resolves).
 */
class MonicaFailureClassificationTest {

    private static final String TOKEN = "preflight-secret-token-1234";

    private final MonicaClient client = new MonicaClient(JsonMapper.builder().build(),
            new MonicaHttpProperties(Duration.ofSeconds(2), 600, DataSize.ofMegabytes(20), DataSize.ofMegabytes(10)),
            new OutboundHttpClients(new OutboundAddressPolicy(new OutboundProperties(List.of("127.0.0.1")))));
    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer stub;
    private String stubUrl;
    /** Answers every connection with a plain-text HTTP error at once, as a non-TLS server on an https URL does. */
    private ServerSocket plainText;
    private String plainTextHttpsUrl;

    @BeforeEach
    void startStub() throws IOException {
        stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 20);
        stub.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        stub.createContext("/ok/api/me", exchange -> send(exchange, 200, "{\"data\":{\"id\":1,\"object\":\"user\"}}"));
        stub.createContext("/auth/", exchange -> send(exchange, 401, "{\"message\":\"Unauthenticated.\"}"));
        stub.createContext("/broken/", exchange -> send(exchange, 500, "{\"message\":\"Server Error\"}"));
        stub.createContext("/html/", exchange -> send(exchange, 200, "<html><body>Welcome to my blog</body></html>"));
        stub.createContext("/empty/", exchange -> send(exchange, 404, "<html>Not Found</html>"));
        stub.createContext("/stall/", exchange -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            send(exchange, 500, "{}");
        });
        stub.start();
        stubUrl = "http://127.0.0.1:" + stub.getAddress().getPort();
        plainText = new ServerSocket(0, 20, InetAddress.getLoopbackAddress());
        plainTextHttpsUrl = "https://127.0.0.1:" + plainText.getLocalPort();
        Thread.ofVirtual().start(() -> {
            while (!plainText.isClosed()) {
                try (Socket socket = plainText.accept()) {
                    socket.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                } catch (IOException closed) {
                    // the test is over
                }
            }
        });
    }

    @AfterEach
    void stopStub() throws IOException {
        release.countDown();
        stub.stop(0);
        plainText.close();
    }

    @Test
    void nothingListeningIsMonicaUnreachableNamingTheAddress() {
        MonicaCall call = client.get("http://127.0.0.1:1", TOKEN, "/api/me").call();

        assertThat(call.outcome()).isEqualTo(Outcome.TRANSIENT);
        assertThat(call.problem()).isEqualTo(MonicaProblem.UNREACHABLE);
        assertThat(call.describe()).isEqualTo("Monica unreachable (connection refused (127.0.0.1:1))");
    }

    @Test
    void anUnresolvableNameIsAnUnknownHost() {
        MonicaCall call = client.get("http://monica.kinflow.invalid", TOKEN, "/api/me").call();

        assertThat(call.problem()).isEqualTo(MonicaProblem.UNKNOWN_HOST);
        assertThat(call.detail()).isEqualTo("unknown host monica.kinflow.invalid");
    }

    @Test
    void httpsToAPlainHttpServerIsATlsError() {
        MonicaCall call = client.get(plainTextHttpsUrl, TOKEN, "/api/me").call();

        assertThat(call.problem()).isEqualTo(MonicaProblem.TLS);
        assertThat(call.detail()).isEqualTo("TLS handshake with 127.0.0.1:" + plainText.getLocalPort()
                + " failed: the server does not speak TLS");
    }

    @Test
    void statusesAndBodiesAreClassifiedWithoutQuotingTheBody() {
        assertThat(client.get(stubUrl + "/auth", TOKEN, "/api/me").call())
                .extracting(MonicaCall::outcome, MonicaCall::problem, MonicaCall::httpStatus)
                .containsExactly(Outcome.UNAUTHORIZED, MonicaProblem.TOKEN_REJECTED, 401);
        assertThat(client.get(stubUrl + "/broken", TOKEN, "/api/me").call())
                .extracting(MonicaCall::outcome, MonicaCall::problem, MonicaCall::detail)
                .containsExactly(Outcome.TRANSIENT, MonicaProblem.SERVER_ERROR, "HTTP 500");
        MonicaCall html = client.get(stubUrl + "/html", TOKEN, "/api/me").call();
        assertThat(html.problem()).isEqualTo(MonicaProblem.NOT_A_MONICA);
        assertThat(html.detail()).doesNotContain("blog");
    }

    @Test
    void noAnswerWithinTheTimeoutIsMonicaTimeout() {
        MonicaCall call = client.get(stubUrl + "/stall", TOKEN, "/api/me", Duration.ofMillis(300)).call();

        assertThat(call.problem()).isEqualTo(MonicaProblem.TIMEOUT);
        assertThat(call.describe()).contains("did not answer in time");
    }

    @Test
    void preflightPassesOnlyAMonicaThatAcceptsTheToken() {
        MonicaPreflight preflight = new MonicaPreflight(client, new MonicaPreflight.Settings(Duration.ofSeconds(5)));

        assertThat(preflight.check(stubUrl + "/ok", TOKEN, 55)).isEmpty();
        assertThat(problem(preflight.check("http://127.0.0.1:1", TOKEN, 55))).isEqualTo(MonicaProblem.UNREACHABLE);
        assertThat(problem(preflight.check("http://monica.kinflow.invalid", TOKEN, 55)))
                .isEqualTo(MonicaProblem.UNKNOWN_HOST);
        assertThat(problem(preflight.check(plainTextHttpsUrl, TOKEN, 55))).isEqualTo(MonicaProblem.TLS);
        assertThat(problem(preflight.check(stubUrl + "/auth", TOKEN, 55))).isEqualTo(MonicaProblem.TOKEN_REJECTED);
        assertThat(problem(preflight.check(stubUrl + "/broken", TOKEN, 55))).isEqualTo(MonicaProblem.SERVER_ERROR);
        assertThat(problem(preflight.check(stubUrl + "/html", TOKEN, 55))).isEqualTo(MonicaProblem.NOT_A_MONICA);
        assertThat(problem(preflight.check(stubUrl + "/empty", TOKEN, 55))).isEqualTo(MonicaProblem.NOT_A_MONICA);
    }

    @Test
    void preflightAnswersWithinItsBoundWhateverTheServerDoes() {
        MonicaPreflight preflight = new MonicaPreflight(client, new MonicaPreflight.Settings(Duration.ofSeconds(1)));

        long started = System.nanoTime();
        Optional<MonicaPreflight.Failure> failure = preflight.check(stubUrl + "/stall", TOKEN, 55);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1500));
        assertThat(problem(failure)).isEqualTo(MonicaProblem.TIMEOUT);
        assertThat(failure.orElseThrow().message()).doesNotContain(TOKEN);
    }

    private static MonicaProblem problem(Optional<MonicaPreflight.Failure> failure) {
        return failure.map(MonicaPreflight.Failure::problem).orElse(null);
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
