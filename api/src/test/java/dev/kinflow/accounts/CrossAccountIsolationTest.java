package dev.kinflow.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kinflow.testing.ApiTestBase;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every {@code /api/**} endpoint, called with account A's key on account B's data, behaves as if B's data did not
 * exist (404 for ids, absent from lists). The test enumerates the application's mappings: a new {@code /api}
 * endpoint fails {@link #everyApiEndpointIsCovered} until a check for it is added to {@link #checks}.
 */
class CrossAccountIsolationTest extends ApiTestBase {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    TestAccount a;
    TestAccount b;
    long contactOfB;
    String jobOfB;

    @BeforeEach
    void twoAccounts() {
        a = newAccount("Isolation A", "FR");
        b = newAccount("Isolation B", "FR");
        contactOfB = api.post("/api/contacts", b.apiKey(), Map.of("firstName", "Secret", "lastName", "OfB"))
                .json("id").asLong();
        jobOfB = api.get("/api/jobs", b.apiKey()).json("items").get(0).path("id").asString();
    }

    /** One check per endpoint, keyed by "METHOD pattern". */
    Map<String, Consumer<String>> checks() {
        Map<String, Consumer<String>> checks = new LinkedHashMap<>();
        checks.put("GET /api/account", key ->
                assertThat(api.get("/api/account", key).json("id").asString()).isEqualTo(a.id()));
        checks.put("PATCH /api/account", key -> {
            api.patch("/api/account", key, Map.of("name", "Renamed A"));
            assertThat(api.get("/api/account", b.apiKey()).json("name").asString()).isEqualTo("Isolation B");
        });
        checks.put("POST /api/account/bootstrap", key ->
                assertThat(api.post("/api/account/bootstrap", key, Map.of()).json("workflowId").asString())
                        .isEqualTo("account-bootstrap-" + a.id()));
        checks.put("POST /api/account/reset", key -> {
            var refused = api.post("/api/account/reset", key, Map.of("confirm", b.name()));
            assertThat(refused.status()).isEqualTo(400);
            assertThat(api.get("/api/account", b.apiKey()).json("status").asString()).isEqualTo("active");
            assertThat(api.get("/api/contacts/" + contactOfB, b.apiKey()).status()).isEqualTo(200);
        });
        checks.put("GET /api/contacts", key -> {
            var page = api.get("/api/contacts?q=Secret", key);
            assertThat(page.json("total").asLong()).isZero();
        });
        checks.put("POST /api/contacts", key -> {
            long id = api.post("/api/contacts", key, Map.of("firstName", "Mine")).json("id").asLong();
            assertThat(api.get("/api/contacts/" + id, b.apiKey()).status()).isEqualTo(404);
        });
        checks.put("POST /api/contacts/bulk", key -> {
            long id = api.post("/api/contacts/bulk", key, List.of(Map.of("firstName", "Mine"))).json("ids").get(0).asLong();
            assertThat(api.get("/api/contacts/" + id, b.apiKey()).status()).isEqualTo(404);
        });
        checks.put("GET /api/contacts/{id}", key ->
                assertThat(api.get("/api/contacts/" + contactOfB, key).status()).isEqualTo(404));
        checks.put("PATCH /api/contacts/{id}", key ->
                assertThat(api.patch("/api/contacts/" + contactOfB, key, Map.of("firstName", "Hacked")).status())
                        .isEqualTo(404));
        checks.put("DELETE /api/contacts/{id}", key ->
                assertThat(api.delete("/api/contacts/" + contactOfB, key).status()).isEqualTo(404));
        checks.put("GET /api/jobs", key ->
                assertThat(api.get("/api/jobs?limit=200", key).json("items").toString()).doesNotContain(jobOfB));
        checks.put("GET /api/jobs/{id}", key ->
                assertThat(api.get("/api/jobs/" + jobOfB, key).status()).isEqualTo(404));
        return checks;
    }

    @Test
    void everyApiEndpointIsCovered() {
        Set<String> endpoints = new TreeSet<>();
        mappings.getHandlerMethods().keySet().forEach(info -> info.getPatternValues().stream()
                .filter(p -> p.startsWith("/api"))
                .forEach(p -> info.getMethodsCondition().getMethods()
                        .forEach(m -> endpoints.add(m.name() + " " + p))));
        assertThat(checks().keySet()).containsExactlyInAnyOrderElementsOf(endpoints);
    }

    @Test
    void noEndpointLetsOneAccountSeeOrChangeAnothersData() {
        checks().forEach((endpoint, check) -> check.accept(a.apiKey()));
        var contact = api.get("/api/contacts/" + contactOfB, b.apiKey());
        assertThat(contact.status()).isEqualTo(200);
        assertThat(contact.json("firstName").asString()).isEqualTo("Secret");
    }
}
