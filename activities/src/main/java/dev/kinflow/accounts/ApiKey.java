package dev.kinflow.accounts;

import java.time.Instant;

/** An active API key of an account, as listed (never the key: only its first characters, {@code prefix}). */
public record ApiKey(long id, String label, String prefix, Instant createdAt, Instant lastUsedAt) {
}
