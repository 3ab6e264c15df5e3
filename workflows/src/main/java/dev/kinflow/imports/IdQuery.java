package dev.kinflow.imports;

/**
 * A cursor query over Monica ids of one import.
 *
 * @param job     the import
 * @param afterId only ids greater than this
 * @param upToId  only ids up to this (inclusive); 0: no bound
 * @param limit   at most this many
 */
public record IdQuery(ImportJobRef job, long afterId, long upToId, int limit) {
}
