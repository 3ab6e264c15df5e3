package dev.kinflow.outreach;

import dev.kinflow.common.Tokens;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code devices}: tokens are shown once and stored only as a hash. Every authentication reads the database, so a
 * revoked device is refused at once by every process; {@code last_used_at} is written at most once per
 * {@link #TOUCH_INTERVAL}.
 */
@Repository
public class DeviceRepository {

    /** How stale {@code last_used_at} may get before a request writes it again. */
    public static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

    private final JdbcClient jdbc;

    public DeviceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A new device and its token in clear (the only time it is available). */
    public record Created(Device device, String token) {
    }

    /** An active device and when it was last seen, as listed. */
    public record Listed(long id, String name, Instant createdAt, Instant lastUsedAt) {
    }

    public Created create(UUID accountId, String name) {
        String token = Tokens.newToken("kfd");
        long id = jdbc.sql("INSERT INTO devices (account_id, name, token_hash) VALUES (?, ?, ?) RETURNING id")
                .params(accountId, name, Tokens.hash(token))
                .query(Long.class).single();
        return new Created(new Device(id, accountId, name), token);
    }

    /** The active device of a token; refreshes its {@code last_used_at} when it is stale. */
    public Optional<Device> findByToken(String token) {
        record Found(Device device, Instant lastUsedAt) {
        }
        Optional<Found> found = jdbc.sql("""
                        SELECT id, account_id, name, last_used_at FROM devices
                        WHERE token_hash = ? AND revoked_at IS NULL""")
                .param(Tokens.hash(token))
                .query((rs, row) -> new Found(new Device(rs.getLong("id"), rs.getObject("account_id", UUID.class),
                        rs.getString("name")), instant(rs.getTimestamp("last_used_at"))))
                .optional();
        found.filter(f -> f.lastUsedAt() == null || f.lastUsedAt().isBefore(Instant.now().minus(TOUCH_INTERVAL)))
                .ifPresent(f -> jdbc.sql("""
                                UPDATE devices SET last_used_at = now()
                                WHERE id = ? AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')""")
                        .param(f.device().id()).update());
        return found.map(Found::device);
    }

    public List<Listed> listActive(UUID accountId) {
        return jdbc.sql("""
                        SELECT id, name, created_at, last_used_at FROM devices
                        WHERE account_id = ? AND revoked_at IS NULL ORDER BY id""")
                .param(accountId).query(DeviceRepository::listed).list();
    }

    /** Revokes an active device of the account; false when it has none with that id. */
    public boolean revoke(UUID accountId, long id) {
        return jdbc.sql("UPDATE devices SET revoked_at = now() WHERE account_id = ? AND id = ? AND revoked_at IS NULL")
                .params(accountId, id).update() == 1;
    }

    public boolean exists(UUID accountId, long id) {
        return jdbc.sql("SELECT count(*) FROM devices WHERE account_id = ? AND id = ? AND revoked_at IS NULL")
                .params(accountId, id).query(Long.class).single() == 1;
    }

    private static Listed listed(ResultSet rs, int row) throws SQLException {
        return new Listed(rs.getLong("id"), rs.getString("name"), rs.getTimestamp("created_at").toInstant(),
                instant(rs.getTimestamp("last_used_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
