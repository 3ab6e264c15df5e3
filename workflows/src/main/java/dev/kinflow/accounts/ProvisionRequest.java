package dev.kinflow.accounts;

/**
 * Input of one provisioning activity.
 *
 * @param accountId the account to provision
 */
public record ProvisionRequest(String accountId) {
}
