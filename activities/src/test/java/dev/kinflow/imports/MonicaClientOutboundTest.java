package dev.kinflow.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.kinflow.common.outbound.HostResolver;
import dev.kinflow.common.outbound.OutboundAddressPolicy;
import dev.kinflow.common.outbound.OutboundHttpClients;
import dev.kinflow.common.outbound.OutboundProperties;
import dev.kinflow.imports.MonicaCall.Outcome;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Monica client's outbound policy and response cap, with traffic to loopback only: a refused address is refused
 * before any socket exists (the socket source fails the test if asked), a loopback stub that is not allowed never sees
 * a request, a redirect is not followed, and a 2 GB response is cut off at the cap without taking the JVM down.
 */
class MonicaClientOutboundTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PAGE = "{\"data\":[],\"meta\":{\"last_page\":1,\"total\":0}}";

    private final List<HttpServer> servers = new CopyOnWriteArrayList<>();
    private final List<String> socketsAskedFor = new CopyOnWriteArrayList<>();
    private final List<String> namesResolved = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(server -> server.stop(0));
    }

    /** Names of "internal" hosts; IP literals resolve to themselves. Every lookup is recorded. */
    private final HostResolver resolver = host -> {
        namesResolved.add(host);
        String address = Map.of("monica.internal.test", "10.0.0.7", "metadata.test", "169.254.169.254",
                "v6-link.test", "fe80::1", "ula.test", "fd00::7", "mapped.test", "::ffff:192.168.0.1",
                "loopback.test", "127.0.0.1").get(host);
        if (address != null) {
            return new InetAddress[]{InetAddress.getByName(address)};
        }
        if (!host.matches("[0-9a-fA-F:.]+")) {
            throw new UnknownHostException("test resolver knows no " + host);
        }
        return new InetAddress[]{InetAddress.getByName(host)};
    };

    /** A client whose sockets come from a source that fails the test when asked for one. */
    private MonicaClient clientThatMustNotConnect(List<String> allowed) {
        OutboundAddressPolicy policy = new OutboundAddressPolicy(new OutboundProperties(allowed), resolver);
        return new MonicaClient(JSON, MonicaHttpProperties.defaults(), new OutboundHttpClients(policy, scheme -> {
            socketsAskedFor.add(scheme);
            throw new AssertionError("a socket was asked for: a refused address got as far as connecting");
        }));
    }

    /** A client with real sockets, the given allowances and response cap. */
    private MonicaClient realClient(List<String> allowed, MonicaHttpProperties properties) {
        OutboundAddressPolicy policy = new OutboundAddressPolicy(new OutboundProperties(allowed), resolver);
        return new MonicaClient(JSON, properties, new OutboundHttpClients(policy, scheme -> {
            socketsAskedFor.add(scheme);
            return new Socket(java.net.Proxy.NO_PROXY);
        }));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://10.0.0.7", "http://169.254.169.254", "http://[fe80::1]", "http://[fd00::7]",
            "http://[::ffff:169.254.169.254]", "http://100.64.0.1", "http://0.0.0.0", "http://224.0.0.1",
            "http://monica.internal.test", "https://metadata.test", "http://v6-link.test:8080", "http://ula.test",
            "http://mapped.test", "http://127.0.0.1:9", "http://loopback.test"})
    void refusedAddressesAreRefusedBeforeAnySocketExists(String baseUrl) {
        MonicaClient client = clientThatMustNotConnect(List.of("192.168.77.0/24"));

        MonicaClient.Response response = client.get(baseUrl, "secret-token", "/api/contacts?limit=1&page=1");

        assertThat(response.call().outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(response.call().detail()).startsWith("refused by the outbound address policy")
                .doesNotContain("10.0.0.7", "169.254", "secret-token");
        assertThat(socketsAskedFor).isEmpty();
    }

    @Test
    void aLoopbackStubThatIsNotAllowedNeverReceivesARequest() throws IOException {
        AtomicInteger requests = new AtomicInteger();
        int port = stub((exchange) -> {
            requests.incrementAndGet();
            reply(exchange, 200, PAGE);
        });

        MonicaClient.Response refused = realClient(List.of(), MonicaHttpProperties.defaults())
                .get("http://127.0.0.1:" + port, "t", "/api/contacts?limit=1&page=1");
        MonicaClient.Response allowed = realClient(List.of("127.0.0.1"), MonicaHttpProperties.defaults())
                .get("http://127.0.0.1:" + port, "t", "/api/contacts?limit=1&page=1");

        assertThat(refused.call().outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(allowed.call().outcome()).as("the same stub, allowed, answers").isEqualTo(Outcome.OK);
        assertThat(requests).hasValue(1);
    }

    @Test
    void aRedirectIsNotFollowed() throws IOException {
        AtomicInteger requests = new AtomicInteger();
        int port = stub(exchange -> {
            requests.incrementAndGet();
            exchange.getResponseHeaders().add("Location", "http://metadata.test/latest/meta-data/");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });

        MonicaClient.Response response = realClient(List.of("127.0.0.0/8"), MonicaHttpProperties.defaults())
                .get("http://127.0.0.1:" + port, "t", "/api/contacts?limit=1&page=1");

        assertThat(response.call().httpStatus()).isEqualTo(302);
        assertThat(response.call().outcome()).isNotEqualTo(Outcome.OK);
        assertThat(requests).hasValue(1);
        assertThat(namesResolved).containsExactly("127.0.0.1");
        assertThat(socketsAskedFor).hasSize(1);
    }

    @Test
    void aTwoGigabyteResponseIsCutOffAtTheCapAndTheClientStaysUsable() throws IOException {
        long twoGigabytes = 2L << 30;
        AtomicLong written = new AtomicLong();
        int port = stub(exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 0); // chunked: no length announced
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) ' ');
            chunk[0] = '{';
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("{\"data\":[\"".getBytes(StandardCharsets.UTF_8));
                while (written.get() < twoGigabytes) {
                    out.write(chunk);
                    written.addAndGet(chunk.length);
                }
            } catch (IOException clientWentAway) {
                // expected: the client drops the connection at its cap
            }
        });
        MonicaClient client = realClient(List.of("127.0.0.1"), MonicaHttpProperties.defaults());
        Runtime runtime = Runtime.getRuntime();
        long start = System.nanoTime();

        MonicaClient.Response response = client.get("http://127.0.0.1:" + port, "t", "/api/contacts?page=1");

        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertThat(response.call().outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(response.call().detail()).isEqualTo("response over the size cap (20 MB)");
        assertThat(response.body()).isNull();
        assertThat(seconds).as("cut off, not drained").isLessThan(20);
        assertThat(written.get()).as("the server could write far less than 2 GB").isLessThan(twoGigabytes / 4);
        assertThat(runtime.maxMemory()).isPositive();

        int small = stub(exchange -> reply(exchange, 200, PAGE));
        assertThat(client.get("http://127.0.0.1:" + small, "t", "/api/contacts?page=1").call().outcome())
                .isEqualTo(Outcome.OK);
    }

    @Test
    void anAnnouncedLengthOverTheCapIsNotReadAtAll() throws IOException {
        AtomicLong written = new AtomicLong();
        int port = stub(exchange -> {
            exchange.sendResponseHeaders(200, 2L << 30);
            byte[] chunk = new byte[64 * 1024];
            try (OutputStream out = exchange.getResponseBody()) {
                while (written.get() < (2L << 30)) {
                    out.write(chunk);
                    written.addAndGet(chunk.length);
                }
            } catch (IOException clientWentAway) {
                // expected
            }
        });

        MonicaClient.Response response = realClient(List.of("127.0.0.1"),
                MonicaHttpProperties.defaults().withMaxResponseSize(org.springframework.util.unit.DataSize.ofMegabytes(1)))
                .get("http://127.0.0.1:" + port, "t", "/api/contacts?page=1");

        assertThat(response.call().outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(response.call().detail()).isEqualTo("response over the size cap (1 MB)");
        assertThat(written.get()).isLessThan(1L << 30);
    }

    private interface Handler {
        void handle(com.sun.net.httpserver.HttpExchange exchange) throws IOException;
    }

    private int stub(Handler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", handler::handle);
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        servers.add(server);
        return server.getAddress().getPort();
    }

    private static void reply(com.sun.net.httpserver.HttpExchange exchange, int status, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
