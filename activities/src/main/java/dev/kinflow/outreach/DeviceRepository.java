package dev.kinflow.outreach;

import dev.kinflow.common.Tokens;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code devices}: tokens are shown once and stored only as a hash. */
@Repository
public class DeviceRepository {

    private final JdbcClient jdbc;

    public DeviceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A new device and its token in clear (the only time it is available). */
    public record Created(Device device, String token) {
    }

    public Created create(UUID accountId, String name) {
        String token = Tokens.newToken("kfd");
        long id = jdbc.sql("INSERT INTO devices (account_id, name, token_hash) VALUES (?, ?, ?) RETURNING id")
                .params(accountId, name, Tokens.hash(token))
                .query(Long.class).single();
        return new Created(new Device(id, accountId, name), token);
    }

    public Optional<Device> findByToken(String token) {
        return jdbc.sql("SELECT id, account_id, name FROM devices WHERE token_hash = ? AND revoked_at IS NULL")
                .param(Tokens.hash(token))
                .query((rs, row) -> new Device(rs.getLong("id"), rs.getObject("account_id", UUID.class),
                        rs.getString("name")))
                .optional();
    }

    public boolean exists(UUID accountId, long id) {
        return jdbc.sql("SELECT count(*) FROM devices WHERE account_id = ? AND id = ? AND revoked_at IS NULL")
                .params(accountId, id).query(Long.class).single() == 1;
    }
}
