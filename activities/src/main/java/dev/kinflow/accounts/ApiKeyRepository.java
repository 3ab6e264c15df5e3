package dev.kinflow.accounts;

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
import org.springframework.transaction.annotation.Transactional;

/**
 * {@code api_keys}: keys are shown once and stored as a hash. Every authentication reads the database, so a revoked
 * key is refused at once by every process; {@code last_used_at} is written at most once per {@link #TOUCH_INTERVAL}.
 */
@Repository
public class ApiKeyRepository {

    /** How stale {@code last_used_at} may get before a request writes it again. */
    public static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

    private final JdbcClient jdbc;

    public ApiKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The account of an active key and the key's id. */
    public record KeyOwner(Account account, long keyId) {
    }

    /** A new key in clear (the only time it is available) and its row. */
    public record Created(ApiKey key, String apiKey) {
    }

    /** What a revocation did. */
    public enum RevokeOutcome { REVOKED, NOT_FOUND, LAST_KEY }

    /** The account owning an active key; refreshes the key's {@code last_used_at} when it is stale. */
    public Optional<KeyOwner> authenticate(String apiKey) {
        Optional<Found> found = jdbc.sql("""
                        SELECT a.*, k.id AS key_id, k.last_used_at AS key_last_used_at
                        FROM api_keys k JOIN accounts a ON a.id = k.account_id
                        WHERE k.key_hash = ? AND k.revoked_at IS NULL""")
                .param(Tokens.hash(apiKey))
                .query((rs, row) -> new Found(AccountRepository.map(rs, row), rs.getLong("key_id"),
                        instant(rs.getTimestamp("key_last_used_at"))))
                .optional();
        found.filter(f -> isStale(f.lastUsedAt())).ifPresent(f -> touch(f.keyId()));
        return found.map(f -> new KeyOwner(f.account(), f.keyId()));
    }

    private record Found(Account account, long keyId, Instant lastUsedAt) {
    }

    static boolean isStale(Instant lastUsedAt) {
        return lastUsedAt == null || lastUsedAt.isBefore(Instant.now().minus(TOUCH_INTERVAL));
    }

    private void touch(long keyId) {
        jdbc.sql("""
                        UPDATE api_keys SET last_used_at = now()
                        WHERE id = ? AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')""")
                .param(keyId).update();
    }

    public List<ApiKey> listActive(UUID accountId) {
        return jdbc.sql("""
                        SELECT id, label, key_prefix, created_at, last_used_at FROM api_keys
                        WHERE account_id = ? AND revoked_at IS NULL ORDER BY id""")
                .param(accountId).query(ApiKeyRepository::map).list();
    }

    public Created create(UUID accountId, String label) {
        String apiKey = Tokens.newToken("kf");
        ApiKey key = jdbc.sql("""
                        INSERT INTO api_keys (account_id, key_hash, key_prefix, label) VALUES (?, ?, ?, ?)
                        RETURNING id, label, key_prefix, created_at, last_used_at""")
                .params(accountId, Tokens.hash(apiKey), apiKey.substring(0, 7), label)
                .query(ApiKeyRepository::map).single();
        return new Created(key, apiKey);
    }

    /**
     * Revokes an active key of the account, unless it is the account's last active one. The account's active keys
     * are locked first, so two concurrent revocations cannot together remove the last two keys.
     */
    @Transactional
    public RevokeOutcome revoke(UUID accountId, long keyId) {
        List<Long> active = jdbc.sql("SELECT id FROM api_keys WHERE account_id = ? AND revoked_at IS NULL FOR UPDATE")
                .param(accountId).query(Long.class).list();
        if (!active.contains(keyId)) {
            return RevokeOutcome.NOT_FOUND;
        }
        if (active.size() == 1) {
            return RevokeOutcome.LAST_KEY;
        }
        jdbc.sql("UPDATE api_keys SET revoked_at = now() WHERE id = ? AND revoked_at IS NULL").param(keyId).update();
        return RevokeOutcome.REVOKED;
    }

    private static ApiKey map(ResultSet rs, int row) throws SQLException {
        return new ApiKey(rs.getLong("id"), rs.getString("label"), rs.getString("key_prefix"),
                rs.getTimestamp("created_at").toInstant(), instant(rs.getTimestamp("last_used_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
