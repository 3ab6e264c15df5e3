package dev.kinflow.accounts;

import java.util.List;
import java.util.Map;

/**
 * What a bootstrap run did.
 *
 * @param created        the singletons this run created (empty when the account was already complete)
 * @param alreadyPresent the singletons that already existed and were left untouched
 */
public record BootstrapResult(List<String> created, List<String> alreadyPresent) {

    public Map<String, Object> toSummary() {
        return Map.of("created", created, "alreadyPresent", alreadyPresent);
    }
}
