package dev.kinflow.imports;

import java.util.UUID;

/**
 * A stored credential whose AES-GCM tag does not verify under this process's key: it was encrypted by a process with
 * another {@code KINFLOW_CREDENTIALS_KEY}. Retrying cannot help; the message names the setting, never the secret.
 */
public class CredentialUnreadableException extends IllegalStateException {

    /** The failure type jobs report for it. */
    public static final String TYPE = "CredentialUnreadable";

    public CredentialUnreadableException(UUID credentialId) {
        super("the stored import credential " + credentialId + " cannot be decrypted with this process's"
                + " KINFLOW_CREDENTIALS_KEY: every api and worker process must be started with the same key");
    }
}
