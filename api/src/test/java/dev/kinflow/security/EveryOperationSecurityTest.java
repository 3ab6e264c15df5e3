package dev.kinflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kinflow.testing.ApiTestBase;
import dev.kinflow.testing.OpenApiOperations;
import dev.kinflow.testing.OpenApiOperations.Operation;
import dev.kinflow.testing.OpenApiOperations.Param;
import dev.kinflow.testing.RawHttp;
import dev.kinflow.testing.RawHttp.Exchange;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every operation of {@code /v3/api-docs} under {@code /api}, {@code /client} and {@code /admin} — read from the
 * document, so endpoints added later are covered without editing this test — attacked as in issue #14:
 * <ul>
 *   <li>path tricks ({@code %61}-encoded first letter, {@code ;x} and {@code %3b} segment parameters, {@code /./},
 *   {@code //}, a trailing slash, upper case, {@code ..} through a public path …) with no token, an unknown token and
 *   each wrong kind of token: never a 2xx, never a 5xx, always problem+json;</li>
 *   <li>hostile input with a valid token (ids that are not ids, {@code %00}, bad encodings, junk query values, empty,
 *   {@code null}, truncated, 2,000-deep and 1 MB bodies, every property with the wrong type): never a 5xx, every 4xx
 *   problem+json, and the account's rows (every table with an {@code account_id}) unchanged.</li>
 * </ul>
 * Requests go over a raw socket so the request line is exactly what the test wrote.
 */
class EveryOperationSecurityTest extends ApiTestBase {

    private static final Set<String> AREAS = Set.of("api", "client", "admin");
    private static final String JSON = "application/json";

    RawHttp raw;
    TestAccount account;
    String deviceToken;
    List<Operation> operations;

    @BeforeEach
    void accountWithDeviceAndSettledBootstrap() {
        raw = new RawHttp(port);
        account = newAccount("Fortress", "FR");
        awaitJobFinished(account, api.get("/api/jobs", account.apiKey()).json("items").get(0).path("id").asString());
        var device = api.post("/api/devices", account.apiKey(), Map.of("name", "Fortress phone"));
        assertThat(device.status()).as(device.raw()).isEqualTo(201);
        deviceToken = device.json("token").asString();
        var docs = api.get("/v3/api-docs", null);
        assertThat(docs.status()).isEqualTo(200);
        operations = OpenApiOperations.under(docs.body(), AREAS);
        assertThat(operations).as("operations read from /v3/api-docs").hasSizeGreaterThan(40)
                .extracting(Operation::toString)
                .contains("GET /api/contacts", "POST /admin/accounts", "GET /client/send-queue/pending",
                        "DELETE /api/account/keys/{id}", "DELETE /api/devices/{id}");
        assertThat(operations).as("the caller is a principal, never a request parameter")
                .filteredOn(op -> !op.area().equals("admin")) // /admin/jobs?account=<id> is a filter, not a caller
                .allSatisfy(op -> assertThat(op.params()).extracting(Param::name)
                        .doesNotContain("account", "device", "caller"));
    }

    @Test
    void theClientSendsTheRequestLineVerbatim() {
        Exchange plain = raw.send("GET", "/api/account", account.apiKey(), null, null);
        assertThat(plain.status()).as(plain.toString()).isEqualTo(200);
        Exchange semicolon = raw.send("GET", "/api;x/account", account.apiKey(), null, null);
        assertThat(semicolon.requestLine()).isEqualTo("GET /api;x/account HTTP/1.1");
        assertThat(semicolon.status()).as("a normalising client would have dropped ;x: %s", semicolon).isEqualTo(400);
        assertThat(semicolon.isProblemJson()).as(semicolon.toString()).isTrue();
    }

    @Test
    void noPathTrickOrWrongTokenReachesAHandler() {
        Map<String, List<String>> before = accountRows();
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (Operation op : operations) {
            List<String> targets = new ArrayList<>(List.of(op.concretePath()));
            targets.addAll(pathVariants(op.concretePath()));
            for (String target : targets) {
                for (String token : wrongTokens(op.area())) {
                    Exchange exchange = raw.send(op.method(), target, token, op.hasBody() ? JSON : null,
                            op.hasBody() ? "{}".getBytes(StandardCharsets.UTF_8) : null);
                    sent++;
                    if (exchange.status() < 400 || exchange.status() >= 500 || !exchange.isProblemJson()) {
                        failures.add(op + " [" + tokenName(token) + "] " + exchange);
                    }
                }
            }
            Exchange anonymous = raw.send(op.method(), op.concretePath(), null, null, null);
            if (anonymous.status() != 401) {
                failures.add(op + " without a token is not 401: " + anonymous);
            }
        }
        assertThat(failures).as("of %d requests", sent).isEmpty();
        assertThat(accountRows()).isEqualTo(before);
    }

    @Test
    void hostileInputWithAValidTokenIsA4xxProblemAndChangesNothing() {
        Map<String, List<String>> before = accountRows();
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (Operation op : operations) {
            String token = validToken(op.area());
            for (Hostile request : hostileRequests(op)) {
                Exchange exchange = raw.send(op.method(), request.target(), token, request.contentType(),
                        request.body());
                sent++;
                boolean safe = op.method().equals("GET");
                if (exchange.status() >= 500 || exchange.status() == 409
                        || (exchange.status() >= 400 && !exchange.isProblemJson())
                        || (!safe && exchange.status() < 400)) {
                    failures.add(op + " [" + request.what() + "] " + exchange);
                }
            }
        }
        assertThat(failures).as("of %d requests", sent).isEmpty();
        assertThat(accountRows()).isEqualTo(before);
    }

    /** One hostile request: what it tries, and its target, content type and body. */
    record Hostile(String what, String target, String contentType, byte[] body) {
    }

    private static final List<String> NOT_IDS = List.of("abc", "1.5", "99999999999999999999999", "%00", "1%00",
            "%ff", "%zz", "%", "null", "%27%20OR%201%3D1--", "%20", "1e3", "%2e%2e", "..%2f1",
            "1%0d%0aX-Injected:%201", "%C0%AE", "%u0041");

    private static final List<String> JUNK_QUERY_VALUES = List.of("%00", "abc", "-1", "99999999999999999999",
            "%ff", "%zz", "1.5", "", "%27", "a".repeat(6000));

    List<Hostile> hostileRequests(Operation op) {
        List<Hostile> requests = new ArrayList<>();
        byte[] typedBody = op.hasBody() ? "{}".getBytes(StandardCharsets.UTF_8) : null;
        String contentType = op.hasBody() ? JSON : null;
        for (Param param : op.params("path")) {
            for (String notAnId : NOT_IDS) {
                requests.add(new Hostile("path " + param.name() + "=" + abbreviate(notAnId),
                        op.pathWith(Map.of(param.name(), notAnId)), contentType, typedBody));
            }
        }
        for (String suffix : List.of("%00", "/%00", "%00.json", "/..%00/x", "%")) {
            requests.add(new Hostile("suffix " + suffix, op.concretePath() + suffix, contentType, typedBody));
        }
        for (Param param : op.params("query")) {
            for (String junk : JUNK_QUERY_VALUES) {
                requests.add(new Hostile("query " + param.name() + "=" + abbreviate(junk),
                        op.concretePath() + "?" + param.name() + "=" + junk, contentType, typedBody));
            }
        }
        if (op.method().equals("GET")) {
            requests.add(new Hostile("undeclared junk query", op.concretePath() + "?%00=%00&limit=%ff&x=%zz",
                    null, null));
        }
        if (op.hasBody()) {
            for (Map.Entry<String, byte[]> body : hostileBodies(op).entrySet()) {
                requests.add(new Hostile("body " + body.getKey(), op.concretePath(), JSON, body.getValue()));
            }
            requests.add(new Hostile("body as text/plain", op.concretePath(), "text/plain",
                    "{}".getBytes(StandardCharsets.UTF_8)));
            requests.add(new Hostile("body with a bad charset", op.concretePath(), "application/json;charset=x-none",
                    "{}".getBytes(StandardCharsets.UTF_8)));
        }
        return requests;
    }

    Map<String, byte[]> hostileBodies(Operation op) {
        Map<String, String> bodies = new LinkedHashMap<>();
        if (op.bodyRequired()) {
            bodies.put("empty", "");
            bodies.put("null", "null");
        }
        bodies.put("truncated", "{\"a\":[1,{\"b\":");
        bodies.put("not JSON", "not json at all");
        bodies.put("NUL bytes", "{\"\u0000\":\"\u0000\"}");
        bodies.put("2,000-deep array", "[".repeat(2000) + "]".repeat(2000));
        bodies.put("2,000-deep object", "{\"a\":".repeat(2000) + "1" + "}".repeat(2000));
        bodies.put("1 MB array", "[" + "1,".repeat(512 * 1024) + "1]");
        bodies.put("a number", "42");
        bodies.put("a string", "\"text\"");
        bodies.put("huge number", "1" + "0".repeat(5000));
        JsonNode schema = op.bodySchema();
        boolean array = "array".equals(schema.path("type").asString(""));
        bodies.put(array ? "an object instead of an array" : "an array instead of an object", array ? "{}" : "[]");
        JsonNode objectSchema = array ? resolveItems(schema) : schema;
        for (Map.Entry<String, JsonNode> property : objectSchema.path("properties").properties()) {
            JsonNode propertySchema = OpenApiOperations.resolve(docs(), property.getValue());
            String wrong = wrongTypeFor(propertySchema);
            String object = "{\"" + property.getKey() + "\":" + wrong + "}";
            bodies.put(property.getKey() + " of the wrong type", array ? "[" + object + "]" : object);
            if ("string".equals(propertySchema.path("type").asString(""))) {
                String nul = "{\"" + property.getKey() + "\":\"a\\u0000b\"}";
                bodies.put(property.getKey() + " with a NUL", array ? "[" + nul + "]" : nul);
                String huge = "{\"" + property.getKey() + "\":\"" + "a".repeat(1024 * 1024) + "\"}";
                bodies.put(property.getKey() + " of 1 MB", array ? "[" + huge + "]" : huge);
            }
        }
        Map<String, byte[]> bytes = new LinkedHashMap<>();
        bodies.forEach((name, body) -> bytes.put(name, body.getBytes(StandardCharsets.UTF_8)));
        bytes.put("invalid UTF-8", new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'});
        return bytes;
    }

    private JsonNode docsCache;

    private JsonNode docs() {
        if (docsCache == null) {
            docsCache = api.get("/v3/api-docs", null).body();
        }
        return docsCache;
    }

    private JsonNode resolveItems(JsonNode arraySchema) {
        return OpenApiOperations.resolve(docs(), arraySchema.path("items"));
    }

    /** A JSON value Jackson cannot bind to a property of this schema (no lenient coercion applies). */
    private static String wrongTypeFor(JsonNode schema) {
        return switch (schema.path("type").asString("object")) {
            case "string" -> "{\"not\":\"a string\"}";
            case "integer", "number" -> "\"not a number\"";
            case "boolean" -> "\"not a boolean\"";
            case "array" -> "\"not an array\"";
            default -> "\"not an object\"";
        };
    }

    /** Path tricks on a concrete path such as {@code /api/contacts/1}. */
    static List<String> pathVariants(String path) {
        int second = path.indexOf('/', 1);
        String first = second < 0 ? path : path.substring(0, second);
        String rest = second < 0 ? "" : path.substring(second);
        String encodedFirstLetter = "/%" + HexFormat.of().formatHex(new byte[] {(byte) path.charAt(1)}) + path.substring(2);
        return List.of(
                encodedFirstLetter,
                first + ";x" + rest,
                first + ";jsessionid=1" + rest,
                path + ";x",
                first + "%3bx" + rest,
                first + "%3Bx" + rest,
                "/." + path,
                first + "/." + rest,
                "/" + path,
                first + "/" + rest,
                path + "/",
                path.toUpperCase(Locale.ROOT),
                first.toUpperCase(Locale.ROOT) + rest,
                "/x/.." + path,
                "/%2e" + path,
                first + "%2f" + (rest.isEmpty() ? "" : rest.substring(1)),
                first + "%2F" + (rest.isEmpty() ? "" : rest.substring(1)),
                "/actuator/..;" + path,
                "/actuator/health/.." + path,
                "/v3/api-docs/.." + path,
                "/swagger-ui/%2e%2e" + path,
                "/error/.." + path,
                "/error;" + path);
    }

    List<String> wrongTokens(String area) {
        List<String> tokens = new ArrayList<>();
        tokens.add(null);
        tokens.add("kf_" + "0".repeat(43));
        tokens.add("not a token at all");
        for (String kind : List.of("api", "client", "admin")) {
            if (!kind.equals(area)) {
                tokens.add(validToken(kind));
            }
        }
        return tokens;
    }

    String validToken(String area) {
        return switch (area) {
            case "api" -> account.apiKey();
            case "client" -> deviceToken;
            case "admin" -> ADMIN_TOKEN;
            default -> throw new IllegalArgumentException(area);
        };
    }

    private String tokenName(String token) {
        if (token == null) {
            return "no token";
        }
        if (token.equals(account.apiKey())) {
            return "API key";
        }
        if (token.equals(deviceToken)) {
            return "device token";
        }
        return token.equals(ADMIN_TOKEN) ? "admin token" : "unknown token";
    }

    private static String abbreviate(String value) {
        return value.length() > 20 ? value.substring(0, 20) + "…(" + value.length() + ")" : value;
    }

    /**
     * Every row of the account in every table with an {@code account_id} (as JSON, without the coarse
     * {@code last_used_at} of keys and devices), its {@code accounts} row, and the number of accounts.
     */
    Map<String, List<String>> accountRows() {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        List<String> tables = jdbc.sql("""
                        SELECT c.table_name FROM information_schema.columns c
                        JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
                        WHERE c.table_schema = 'public' AND c.column_name = 'account_id' AND t.table_type = 'BASE TABLE'
                        ORDER BY 1""")
                .query(String.class).list();
        assertThat(tables).contains("contacts", "api_keys", "devices", "job_runs");
        for (String table : tables) {
            rows.put(table, jdbc.sql("SELECT (to_jsonb(t) - 'last_used_at')::text AS row FROM " + table
                            + " t WHERE account_id = CAST(? AS uuid) ORDER BY 1")
                    .param(account.id()).query(String.class).list());
        }
        rows.put("accounts", jdbc.sql("SELECT to_jsonb(a)::text FROM accounts a WHERE id = CAST(? AS uuid)")
                .param(account.id()).query(String.class).list());
        rows.put("number of accounts", List.of(jdbc.sql("SELECT count(*)::text FROM accounts")
                .query(String.class).single()));
        return rows;
    }
}
