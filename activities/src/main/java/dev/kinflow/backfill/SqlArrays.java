package dev.kinflow.backfill;

import java.util.Collection;

/** Java collections as SQL array parameters (for {@code unnest(?::bigint[], ?::text[])} set-based writes). */
final class SqlArrays {

    private SqlArrays() {
    }

    static Long[] longs(Collection<Long> values) {
        return values.toArray(Long[]::new);
    }

    static String[] texts(Collection<String> values) {
        return values.toArray(String[]::new);
    }

    /** The keyset cursor of a numeric id: its decimal text; a null cursor starts before every id. */
    static long idAfter(String cursor) {
        return cursor == null ? 0L : Long.parseLong(cursor);
    }
}
