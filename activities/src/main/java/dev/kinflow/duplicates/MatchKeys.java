package dev.kinflow.duplicates;

/**
 * The exact keys two contacts can share, as SQL: a canonical email, an E.164 phone (a stored value that is not E.164
 * — "+", "N/A", an unparseable raw input — never matches) or an address key. Used by the scan and by the import's
 * auto-merge so both agree on what "shares an email, phone or address" means.
 */
final class MatchKeys {

    /**
     * One row per (contact_id, signal, key) of the contacts selected by {@code %s} (a SQL predicate on the column
     * {@code contact_id}, e.g. {@code contact_id = ANY(...)}); {@code :account} binds the account.
     */
    static final String KEYS_OF = """
            SELECT f.contact_id, f.kind AS signal, f.value AS key FROM contact_fields f
            WHERE f.account_id = :account AND f.%1$s
              AND ((f.kind = 'email' AND f.value LIKE '%%_@_%%') OR (f.kind = 'phone' AND f.value ~ '^\\+[1-9][0-9]{6,14}$'))
            UNION
            SELECT a.contact_id, 'address', a.normalized_key FROM addresses a
            WHERE a.account_id = :account AND a.%1$s AND a.normalized_key IS NOT NULL
            """;

    private MatchKeys() {
    }

    static String keysOf(String contactPredicate) {
        return KEYS_OF.formatted(contactPredicate);
    }
}
