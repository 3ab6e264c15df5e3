package dev.kinflow.imports;

import java.util.List;

/**
 * Monica ids (and, for extra data, which sub-lists to fetch for each: {@code kinds} at the same index).
 *
 * @param ids   Monica contact ids, ascending
 * @param kinds per id, the sub-lists to fetch, comma-separated; empty when not applicable
 */
public record IdBatch(List<Long> ids, List<String> kinds) {
}
