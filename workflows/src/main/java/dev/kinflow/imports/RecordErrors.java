package dev.kinflow.imports;

import java.util.List;

/**
 * The first skipped records of a file import (at most {@link #LIMIT}), in file order.
 *
 * @param errors the first skipped records
 */
public record RecordErrors(List<RecordError> errors) {

    public static final int LIMIT = 100;
}
