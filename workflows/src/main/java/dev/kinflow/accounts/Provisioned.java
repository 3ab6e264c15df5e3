package dev.kinflow.accounts;

/**
 * Outcome of one provisioning activity.
 *
 * @param singleton the name of what was provisioned, e.g. {@code outreach-settings}
 * @param created   how many rows this call inserted (0 when everything already existed)
 */
public record Provisioned(String singleton, int created) {
}
