package dev.kinflow.outreach;

/**
 * An account's outreach settings as the send policy needs them.
 *
 * @param paused            the whole account's outreach is paused
 * @param maxPerMinute      sends allowed in any sliding 60 s window
 * @param maxPerHour        sends allowed in any sliding hour
 * @param maxPerDay         sends allowed in any sliding 24 h
 * @param minGapSeconds     the least time between two sends
 * @param quietHoursStart   "HH:MM" local time at which quiet hours start, or null for none
 * @param quietHoursEnd     "HH:MM" local time at which quiet hours end (may be earlier than the start: across midnight)
 * @param timezone          the IANA zone the quiet hours are in (the settings' own, else the account's)
 * @param ackTimeoutMinutes how long a device has to confirm a queued item before it is marked failed
 */
public record SendLimits(boolean paused, int maxPerMinute, int maxPerHour, int maxPerDay, int minGapSeconds,
                         String quietHoursStart, String quietHoursEnd, String timezone, int ackTimeoutMinutes) {
}
