package dev.kinflow.outreach;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.time.LocalTime;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code outreach_settings}: one row per account, created with defaults by the account bootstrap. */
@Repository
public class OutreachSettingsRepository {

    private final JdbcClient jdbc;

    public OutreachSettingsRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<OutreachSettings> find(UUID accountId) {
        return jdbc.sql("SELECT * FROM outreach_settings WHERE account_id = ?").param(accountId)
                .query(OutreachSettingsRepository::map).optional();
    }

    /** The settings and the account's timezone, locking the settings row until the transaction ends. */
    Optional<SendLimits> lockLimits(UUID accountId) {
        return jdbc.sql("""
                        SELECT s.*, a.timezone AS account_timezone
                        FROM outreach_settings s JOIN accounts a ON a.id = s.account_id
                        WHERE s.account_id = ? FOR UPDATE OF s""")
                .param(accountId)
                .query((rs, row) -> map(rs, row).toLimits(rs.getString("account_timezone")))
                .optional();
    }

    /** Replaces the account's settings (creating the row if the bootstrap has not yet). */
    public OutreachSettings save(UUID accountId, OutreachSettings s) {
        jdbc.sql("""
                        INSERT INTO outreach_settings (account_id, paused, max_per_minute, max_per_hour, max_per_day,
                                                       min_gap_seconds, quiet_hours_start, quiet_hours_end, timezone,
                                                       ack_timeout_minutes)
                        VALUES (:account, :paused, :minute, :hour, :day, :gap, :start, :end, :zone, :ack)
                        ON CONFLICT (account_id) DO UPDATE SET
                            paused = EXCLUDED.paused, max_per_minute = EXCLUDED.max_per_minute,
                            max_per_hour = EXCLUDED.max_per_hour, max_per_day = EXCLUDED.max_per_day,
                            min_gap_seconds = EXCLUDED.min_gap_seconds,
                            quiet_hours_start = EXCLUDED.quiet_hours_start,
                            quiet_hours_end = EXCLUDED.quiet_hours_end, timezone = EXCLUDED.timezone,
                            ack_timeout_minutes = EXCLUDED.ack_timeout_minutes, updated_at = now()""")
                .param("account", accountId)
                .param("paused", s.paused())
                .param("minute", s.maxPerMinute())
                .param("hour", s.maxPerHour())
                .param("day", s.maxPerDay())
                .param("gap", s.minGapSeconds())
                .param("start", time(s.quietHoursStart()))
                .param("end", time(s.quietHoursEnd()))
                .param("zone", s.timezone())
                .param("ack", s.ackTimeoutMinutes())
                .update();
        return find(accountId).orElseThrow();
    }

    private static Time time(String hhmm) {
        return hhmm == null ? null : Time.valueOf(LocalTime.parse(hhmm));
    }

    private static String hhmm(Time time) {
        return time == null ? null : time.toLocalTime().toString().substring(0, 5);
    }

    static OutreachSettings map(ResultSet rs, int row) throws SQLException {
        return new OutreachSettings(rs.getBoolean("paused"), rs.getInt("max_per_minute"), rs.getInt("max_per_hour"),
                rs.getInt("max_per_day"), rs.getInt("min_gap_seconds"), hhmm(rs.getTime("quiet_hours_start")),
                hhmm(rs.getTime("quiet_hours_end")), rs.getString("timezone"), rs.getInt("ack_timeout_minutes"));
    }
}
