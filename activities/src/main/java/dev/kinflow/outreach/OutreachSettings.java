package dev.kinflow.outreach;

/**
 * A row of {@code outreach_settings}, as the REST API shows it.
 *
 * @param quietHoursStart "HH:MM" or null
 * @param quietHoursEnd   "HH:MM" or null
 * @param timezone        the IANA zone of the quiet hours; null means the account's timezone
 */
public record OutreachSettings(boolean paused, int maxPerMinute, int maxPerHour, int maxPerDay, int minGapSeconds,
                               String quietHoursStart, String quietHoursEnd, String timezone,
                               int ackTimeoutMinutes) {

    /** The settings as the send policy applies them, quiet hours in this zone. */
    public SendLimits toLimits(String accountTimezone) {
        return new SendLimits(paused, maxPerMinute, maxPerHour, maxPerDay, minGapSeconds, quietHoursStart,
                quietHoursEnd, timezone == null ? accountTimezone : timezone, ackTimeoutMinutes);
    }
}
