package dev.kinflow.reset;

import java.util.Map;

/**
 * What one domain cleanup deleted.
 *
 * @param domain  the domain name
 * @param deleted rows deleted per table by this reset job (exact, whatever the retries)
 */
public record DomainCleanupResult(String domain, Map<String, Long> deleted) {

    public DomainCleanupResult {
        deleted = Map.copyOf(deleted);
    }

    public long total() {
        return deleted.values().stream().mapToLong(Long::longValue).sum();
    }
}
