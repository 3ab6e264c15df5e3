package dev.kinflow.reset;

import java.util.List;

/**
 * The cleanup domains in the order they must run (dependency order: a domain's tables only reference tables of
 * later domains).
 *
 * @param domains domain names
 */
public record CleanupPlan(List<String> domains) {

    public CleanupPlan {
        domains = List.copyOf(domains);
    }
}
