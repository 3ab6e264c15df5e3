package dev.kinflow.accounts;

import dev.kinflow.common.PhoneFormat;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code accounts}. */
public record Account(UUID id, String name, String defaultRegion, String timezone, String status,
                      Instant createdAt, PhoneFormat phoneFormat) {

    public boolean isResetting() {
        return "resetting".equals(status);
    }
}
