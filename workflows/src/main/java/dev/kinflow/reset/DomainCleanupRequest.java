package dev.kinflow.reset;

/**
 * Delete every row one domain owns for one account.
 *
 * @param target the reset
 * @param domain the domain name (see {@link CleanupPlan})
 */
public record DomainCleanupRequest(ResetTarget target, String domain) {
}
