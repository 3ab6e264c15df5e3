package dev.kinflow.common.embedded;

/**
 * Import tokens are encrypted by the process that accepts the import ({@code api} or {@code all}) and decrypted by
 * the worker that runs it. A key generated into one process's {@code KINFLOW_HOME} is therefore only right for the
 * embedded all-in-one process; every process that can run beside others — {@code KINFLOW_MODE=api}, {@code worker},
 * or any mode talking to an external Temporal — must be given the one shared {@code KINFLOW_CREDENTIALS_KEY}, and
 * refuses to start without it.
 */
final class CredentialsKeyRequirement {

    static final String VARIABLE = "KINFLOW_CREDENTIALS_KEY";

    private CredentialsKeyRequirement() {
    }

    /**
     * @param mode             all, api or worker
     * @param externalTemporal a Temporal target was configured (not the embedded or in-process test server)
     * @param configuredKey    the configured key, blank when none
     * @throws IllegalStateException naming the variable when the key is required and missing
     */
    static void check(String mode, boolean externalTemporal, String configuredKey) {
        if (configuredKey != null && !configuredKey.isBlank()) {
            return;
        }
        if (!mode.equals("all") || externalTemporal) {
            String why = externalTemporal && mode.equals("all")
                    ? "an external Temporal target is configured" : "KINFLOW_MODE=" + mode;
            throw new IllegalStateException(VARIABLE + " is required because " + why + ": api and worker processes"
                    + " share import credentials, so every one of them must be started with the same key"
                    + " (32 random bytes, base64 — e.g. `openssl rand -base64 32`). Only the embedded all-in-one"
                    + " process (KINFLOW_MODE=all, no Temporal target) generates one into KINFLOW_HOME.");
        }
    }
}
