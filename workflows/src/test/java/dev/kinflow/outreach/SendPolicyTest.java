package dev.kinflow.outreach;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class SendPolicyTest {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    static SendLimits limits(String quietStart, String quietEnd) {
        return new SendLimits(false, 2, 10, 100, 20, quietStart, quietEnd, PARIS.getId(), 30);
    }

    static long at(String local) {
        return ZonedDateTime.of(LocalDateTime.parse(local), PARIS).toInstant().toEpochMilli();
    }

    @Test
    void quietHoursAcrossMidnightCoverTheEveningAndTheMorning() {
        SendLimits l = limits("22:00", "08:00");
        assertThat(SendPolicy.decide(l, at("2026-05-04T21:59"), List.of()).allowed()).isTrue();
        SendPolicy.Decision evening = SendPolicy.decide(l, at("2026-05-04T22:00"), List.of());
        assertThat(evening.allowed()).isFalse();
        assertThat(evening.reason()).isEqualTo("quiet_hours");
        assertThat(evening.notBeforeMillis()).isEqualTo(at("2026-05-05T08:00"));
        assertThat(evening.detail()).isEqualTo("quiet hours until 08:00 Europe/Paris");
        assertThat(SendPolicy.decide(l, at("2026-05-05T07:59"), List.of()).notBeforeMillis())
                .isEqualTo(at("2026-05-05T08:00"));
        assertThat(SendPolicy.decide(l, at("2026-05-05T08:00"), List.of()).allowed()).isTrue();
    }

    @Test
    void quietHoursWithinADay() {
        SendLimits l = limits("12:00", "14:00");
        assertThat(SendPolicy.decide(l, at("2026-05-04T11:59"), List.of()).allowed()).isTrue();
        assertThat(SendPolicy.decide(l, at("2026-05-04T13:00"), List.of()).notBeforeMillis())
                .isEqualTo(at("2026-05-04T14:00"));
        assertThat(SendPolicy.decide(l, at("2026-05-04T14:00"), List.of()).allowed()).isTrue();
    }

    @Test
    void quietHoursEndingInTheSpringForwardGapEndAtTheFirstInstantAfterIt() {
        // 2026-03-29 02:00 does not exist in Paris (clocks jump to 03:00): a quiet end of 02:30 is 03:30 CEST
        SendLimits l = limits("01:00", "02:30");
        SendPolicy.Decision d = SendPolicy.decide(l, at("2026-03-29T01:30"), List.of());
        assertThat(Instant.ofEpochMilli(d.notBeforeMillis())).isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
    }

    @Test
    void theQuietEndAfterTheAutumnChangeUsesWinterTime() {
        SendLimits l = limits("22:00", "07:00");
        SendPolicy.Decision d = SendPolicy.decide(l, at("2026-10-24T23:00"), List.of());
        assertThat(Instant.ofEpochMilli(d.notBeforeMillis())).isEqualTo(Instant.parse("2026-10-25T06:00:00Z"));
    }

    @Test
    void slidingWindowsAndTheGapGiveTheEarliestAllowedInstant() {
        SendLimits l = limits(null, null);
        long t0 = at("2026-05-04T10:00");
        // two sends in the last minute: the per-minute limit (2) frees when the older leaves the window
        SendPolicy.Decision minute = SendPolicy.decide(l, t0 + 40_000, List.of(t0, t0 + 20_000));
        assertThat(minute.reason()).isEqualTo("limit");
        assertThat(minute.notBeforeMillis()).isEqualTo(t0 + 60_000);
        assertThat(minute.detail()).startsWith("per-minute limit (2) until 10:01:00");
        // one send 5 s ago: the 20 s gap decides
        SendPolicy.Decision gap = SendPolicy.decide(l, t0 + 5_000, List.of(t0));
        assertThat(gap.reason()).isEqualTo("min_gap");
        assertThat(gap.notBeforeMillis()).isEqualTo(t0 + 20_000);
        assertThat(SendPolicy.decide(l, t0 + 20_000, List.of(t0)).allowed()).isTrue();
        // a send recorded slightly in the future by another worker still counts
        assertThat(SendPolicy.decide(l, t0, List.of(t0 + 1_000)).allowed()).isFalse();
    }

    @Test
    void aPausedAccountWaitsAndSaysSo() {
        SendLimits l = new SendLimits(true, 2, 10, 100, 20, null, null, "UTC", 30);
        SendPolicy.Decision d = SendPolicy.decide(l, 0, List.of());
        assertThat(d.reason()).isEqualTo("paused");
        assertThat(d.notBeforeMillis()).isEqualTo(SendPolicy.PAUSED_RECHECK.toMillis());
    }
}
