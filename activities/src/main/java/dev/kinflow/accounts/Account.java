package dev.kinflow.accounts;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code accounts}. */
public record Account(UUID id, String name, String defaultRegion, String timezone, String status,
                      Instant createdAt) {

    public boolean isResetting() {
        return "resetting".equals(status);
    }
}
