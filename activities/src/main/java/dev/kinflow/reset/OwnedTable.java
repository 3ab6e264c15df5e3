package dev.kinflow.reset;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A table a reset domain empties for the account (every row {@code WHERE account_id = ?}).
 *
 * @param name          the table
 * @param chunkSize     rows per delete chunk; 0 for the configured default (smaller for wide rows such as photo bytes)
 * @param detachColumns self-references set to null (in chunks) before deleting, so that deleting one chunk never
 *                      breaks a foreign key from a row of a later chunk (e.g. {@code contacts.merged_into})
 * @param parallelism   how many connections delete disjoint slices ({@code id % parallelism}) at the same time; for
 *                      tables whose deletes are CPU-bound on per-row foreign-key actions (contacts). Needs an
 *                      integer {@code id} column.
 */
public record OwnedTable(String name, int chunkSize, List<String> detachColumns, int parallelism) {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

    public OwnedTable {
        requireIdentifier(name);
        detachColumns = List.copyOf(detachColumns);
        detachColumns.forEach(OwnedTable::requireIdentifier);
        if (chunkSize < 0 || parallelism < 1) {
            throw new IllegalArgumentException("chunkSize must be >= 0 and parallelism >= 1");
        }
    }

    public static OwnedTable table(String name) {
        return new OwnedTable(name, 0, List.of(), 1);
    }

    public OwnedTable inChunksOf(int rows) {
        return new OwnedTable(name, rows, detachColumns, parallelism);
    }

    public OwnedTable detaching(String... columns) {
        return new OwnedTable(name, chunkSize, List.of(columns), parallelism);
    }

    public OwnedTable inParallel(int connections) {
        return new OwnedTable(name, chunkSize, detachColumns, connections);
    }

    private static void requireIdentifier(String identifier) {
        if (!IDENTIFIER.matcher(identifier).matches()) {
            throw new IllegalArgumentException("not a plain SQL identifier: " + identifier);
        }
    }
}
