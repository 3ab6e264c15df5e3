package dev.kinflow.imports;

/**
 * A record a file import skipped: where it is and why (never its content).
 *
 * @param record the record number in the file (1-based: row after the header, or card)
 * @param line   the line of the file where the record starts (0 when unknown)
 * @param reason what was wrong, e.g. "birthdate: unparseable date"
 */
public record RecordError(long record, long line, String reason) {
}
