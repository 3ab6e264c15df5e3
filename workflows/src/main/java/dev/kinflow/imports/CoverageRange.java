package dev.kinflow.imports;

/**
 * What the listing of one import saw.
 *
 * @param listed contacts seen in the listing (distinct Monica ids)
 * @param minId  the smallest Monica id seen (0 if none)
 * @param maxId  the largest Monica id seen (0 if none)
 */
public record CoverageRange(long listed, long minId, long maxId) {
}
