package dev.kinflow.outreach;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kinflow.common.Tokens;
import dev.kinflow.testing.ApiClient;
import dev.kinflow.testing.ApiTestBase.TestAccount;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Sets up outreach through the REST API for tests: settings, devices, recipients with phones, batches. */
public final class OutreachFixture {

    private final ApiClient api;
    private final JdbcClient jdbc;

    public OutreachFixture(ApiClient api, JdbcClient jdbc) {
        this.api = api;
        this.jdbc = jdbc;
    }

    /** Generous limits (100/min, 1000/h, 10000/day), no quiet hours, the given gap between two sends. */
    public static Map<String, Object> settings(int minGapSeconds) {
        Map<String, Object> s = new HashMap<>();
        s.put("paused", false);
        s.put("maxPerMinute", 100);
        s.put("maxPerHour", 1000);
        s.put("maxPerDay", 10000);
        s.put("minGapSeconds", minGapSeconds);
        s.put("quietHoursStart", null);
        s.put("quietHoursEnd", null);
        s.put("timezone", "Europe/Paris");
        s.put("ackTimeoutMinutes", 30);
        return s;
    }

    public void putSettings(TestAccount account, Map<String, Object> settings) {
        var saved = api.put("/api/outreach/settings", account.apiKey(), settings);
        assertThat(saved.status()).as(saved.raw()).isEqualTo(200);
    }

    /** Registers a device; returns its token. */
    public String device(TestAccount account, String name) {
        var created = api.post("/api/devices", account.apiKey(), Map.of("name", name));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return created.json("token").asString();
    }

    public long deviceId(String token) {
        return jdbc.sql("SELECT id FROM devices WHERE token_hash = ?").param(Tokens.hash(token))
                .query(Long.class).single();
    }

    /** Creates a contact, with a phone unless {@code phone} is null; returns its id. */
    public long contact(TestAccount account, String first, String company, String phone) {
        Map<String, Object> body = new HashMap<>(Map.of("firstName", first, "company", company));
        if (phone != null) {
            body.put("phones", List.of(Map.of("value", phone)));
        }
        return api.post("/api/contacts", account.apiKey(), body).json("id").asLong();
    }

    /** Starts a batch "Hi {{firstName}}" to these contacts through the device with this token. */
    public ApiClient.Response startBatch(TestAccount account, String deviceToken, List<Long> contactIds) {
        var created = api.post("/api/outreach/batches", account.apiKey(), Map.of("template", "Hi {{firstName}}",
                "recipients", Map.of("contactIds", contactIds), "deviceId", deviceId(deviceToken)));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return created;
    }
}
