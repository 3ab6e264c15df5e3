package dev.kinflow.accounts;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request bodies of the account endpoints. Region: ISO 3166 alpha-2; timezone: an IANA zone id. */
public final class AccountRequests {

    private AccountRequests() {
    }

    public record CreateAccount(@NotBlank @Size(max = 200) String name,
                                @Pattern(regexp = "[A-Za-z]{2}", message = "must be an ISO 3166 alpha-2 code")
                                String defaultRegion,
                                @ValidTimezone String timezone) {
    }

    /** {@code phoneFormat}: how phones are displayed, one of {@code e164, national, international, raw}. */
    public record UpdateAccount(@Size(min = 1, max = 200) String name,
                                @Pattern(regexp = "[A-Za-z]{2}", message = "must be an ISO 3166 alpha-2 code")
                                String defaultRegion,
                                @ValidTimezone String timezone,
                                @Pattern(regexp = "e164|national|international|raw",
                                        message = "must be one of e164, national, international, raw")
                                String phoneFormat) {
    }
}
