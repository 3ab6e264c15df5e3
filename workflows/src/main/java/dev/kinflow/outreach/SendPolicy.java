package dev.kinflow.outreach;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Decides whether an account may send one more message at a given instant, and if not, the earliest instant worth
 * asking again. Pure and deterministic: the database activity applies it under a per-account lock to the account's
 * send ledger, and workflow tests apply it to an in-memory ledger.
 *
 * <p>Windows are sliding and half-open: a send at {@code now} is allowed when fewer than {@code max} sends lie in
 * {@code (now - window, +∞)}. Counting sends later than {@code now} too keeps every window sound even when two
 * workers' clocks disagree slightly.
 */
public final class SendPolicy {

    /** How long a paused account waits before asking again (a settings change wakes waiting batches sooner). */
    public static final Duration PAUSED_RECHECK = Duration.ofHours(1);

    public static final String QUIET_HOURS = "quiet_hours";
    public static final String LIMIT = "limit";
    public static final String MIN_GAP = "min_gap";
    public static final String PAUSED = "paused";

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter CLOCK_SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter DAY_CLOCK = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private SendPolicy() {
    }

    /**
     * The outcome of a check.
     *
     * @param allowed         a send may happen now
     * @param notBeforeMillis when not allowed: the earliest instant worth asking again
     * @param reason          when not allowed: quiet_hours, limit, min_gap or paused
     * @param detail          when not allowed: a human-readable line, e.g. "quiet hours until 08:00 Europe/Paris"
     */
    public record Decision(boolean allowed, long notBeforeMillis, String reason, String detail) {

        public static Decision allow(long now) {
            return new Decision(true, now, null, null);
        }
    }

    /**
     * @param recentSends the account's ledger times (epoch millis, ascending) later than {@code now - 24 h}
     */
    public static Decision decide(SendLimits limits, long now, List<Long> recentSends) {
        ZoneId zone = ZoneId.of(limits.timezone());
        if (limits.paused()) {
            return new Decision(false, now + PAUSED_RECHECK.toMillis(), PAUSED, "outreach paused for the account");
        }
        Long quietEnd = quietHoursEnd(limits, now, zone);
        if (quietEnd != null) {
            return new Decision(false, quietEnd, QUIET_HOURS,
                    "quiet hours until " + CLOCK.format(Instant.ofEpochMilli(quietEnd).atZone(zone)) + " "
                            + zone.getId());
        }
        long notBefore = now;
        String reason = null;
        String detail = null;
        long[][] windows = {
                {Duration.ofMinutes(1).toMillis(), limits.maxPerMinute()},
                {Duration.ofHours(1).toMillis(), limits.maxPerHour()},
                {Duration.ofDays(1).toMillis(), limits.maxPerDay()}};
        String[] names = {"per-minute", "per-hour", "per-day"};
        for (int w = 0; w < windows.length; w++) {
            long window = windows[w][0];
            int max = (int) windows[w][1];
            int first = firstAfter(recentSends, now - window);
            int count = recentSends.size() - first;
            if (count >= max) {
                long free = recentSends.get(first + count - max) + window;
                if (free > notBefore) {
                    notBefore = free;
                    reason = LIMIT;
                    detail = names[w] + " limit (" + max + ")";
                }
            }
        }
        if (!recentSends.isEmpty() && limits.minGapSeconds() > 0) {
            long free = recentSends.getLast() + limits.minGapSeconds() * 1000L;
            if (free > notBefore) {
                notBefore = free;
                reason = MIN_GAP;
                detail = "minimum gap (" + limits.minGapSeconds() + " s)";
            }
        }
        if (notBefore > now) {
            return new Decision(false, notBefore, reason,
                    detail + " until " + at(notBefore, now, zone, CLOCK_SECONDS) + " " + zone.getId());
        }
        return Decision.allow(now);
    }

    /** The decision for the send after one made at {@code sentAt}: when it could happen at the earliest. */
    public static Decision nextAfter(SendLimits limits, long sentAt, List<Long> recentBefore) {
        List<Long> withThisOne = new java.util.ArrayList<>(recentBefore);
        withThisOne.add(sentAt);
        withThisOne.sort(null);
        return decide(limits, sentAt, withThisOne);
    }

    /** The end of the quiet hours {@code now} falls in, or null when {@code now} is outside quiet hours. */
    static Long quietHoursEnd(SendLimits limits, long now, ZoneId zone) {
        if (limits.quietHoursStart() == null || limits.quietHoursEnd() == null) {
            return null;
        }
        LocalTime start = LocalTime.parse(limits.quietHoursStart());
        LocalTime end = LocalTime.parse(limits.quietHoursEnd());
        ZonedDateTime local = Instant.ofEpochMilli(now).atZone(zone);
        LocalTime time = local.toLocalTime();
        boolean quiet = start.isBefore(end)
                ? !time.isBefore(start) && time.isBefore(end)
                : !time.isBefore(start) || time.isBefore(end);
        if (!quiet) {
            return null;
        }
        LocalDate endDay = time.isBefore(end) ? local.toLocalDate() : local.toLocalDate().plusDays(1);
        ZonedDateTime endAt = ZonedDateTime.of(endDay, end, zone);
        if (endAt.toInstant().toEpochMilli() <= now) {
            endAt = endAt.withLaterOffsetAtOverlap();
        }
        long endMillis = endAt.toInstant().toEpochMilli();
        return endMillis > now ? endMillis : null;
    }

    private static int firstAfter(List<Long> ascending, long bound) {
        int low = 0;
        int high = ascending.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (ascending.get(mid) > bound) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }

    private static String at(long instant, long now, ZoneId zone, DateTimeFormatter sameDay) {
        ZonedDateTime then = Instant.ofEpochMilli(instant).atZone(zone);
        boolean today = then.toLocalDate().equals(Instant.ofEpochMilli(now).atZone(zone).toLocalDate());
        return (today ? sameDay : DAY_CLOCK).format(then);
    }
}
