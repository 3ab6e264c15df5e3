package dev.kinflow.accounts;

import dev.kinflow.common.PhoneFormat;
import dev.kinflow.common.Tokens;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Accounts and their API keys. */
@Repository
public class AccountRepository {

    private final JdbcClient jdbc;

    public AccountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Creates an account and its first API key in one transaction; returns the key in clear (shown once). */
    @Transactional
    public String create(UUID id, String name, String defaultRegion, String timezone) {
        jdbc.sql("INSERT INTO accounts (id, name, default_region, timezone) VALUES (?, ?, ?, ?)")
                .params(id, name, defaultRegion, timezone)
                .update();
        String apiKey = Tokens.newToken("kf");
        jdbc.sql("INSERT INTO api_keys (account_id, key_hash, key_prefix) VALUES (?, ?, ?)")
                .params(id, Tokens.hash(apiKey), apiKey.substring(0, 7))
                .update();
        return apiKey;
    }

    public Optional<Account> find(UUID id) {
        return jdbc.sql("SELECT * FROM accounts WHERE id = ?").param(id).query(AccountRepository::map).optional();
    }

    /** Applies the non-null values; returns the updated account. */
    public Optional<Account> update(UUID id, String name, String defaultRegion, String timezone) {
        return update(id, name, defaultRegion, timezone, null);
    }

    /** Applies the non-null values, the phone display format included; returns the updated account. */
    public Optional<Account> update(UUID id, String name, String defaultRegion, String timezone,
                                    PhoneFormat phoneFormat) {
        int rows = jdbc.sql("""
                        UPDATE accounts SET name = COALESCE(?, name), default_region = COALESCE(?, default_region),
                               timezone = COALESCE(?, timezone), phone_format = COALESCE(?, phone_format),
                               updated_at = now()
                        WHERE id = ?""")
                .params(name, defaultRegion, timezone, phoneFormat == null ? null : phoneFormat.code(), id)
                .update();
        return rows == 0 ? Optional.empty() : find(id);
    }

    /** Moves an account between {@code active} and {@code resetting}; true when this call changed it. */
    public boolean transitionStatus(UUID id, String from, String to) {
        return jdbc.sql("UPDATE accounts SET status = ?, updated_at = now() WHERE id = ? AND status = ?")
                .params(to, id, from)
                .update() == 1;
    }

    static Account map(ResultSet rs, int row) throws SQLException {
        return new Account(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("default_region"),
                rs.getString("timezone"), rs.getString("status"), rs.getTimestamp("created_at").toInstant(),
                PhoneFormat.of(rs.getString("phone_format")));
    }
}
