package dev.kinflow.imports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Secrets a job needs (a Monica API token), AES-256-GCM encrypted in {@code credentials}; the account id is bound to
 * the ciphertext as associated data, so a row copied to another account does not decrypt. The key comes from
 * {@code KINFLOW_CREDENTIALS_KEY} (base64, 32 bytes) or is generated once into {@code $KINFLOW_HOME/credentials-key}
 * (mode 0600).
 */
@Component
public class CredentialStore {

    private static final int NONCE_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final SecretKeySpec key;

    public CredentialStore(JdbcClient jdbc, @Value("${kinflow.credentials.key:}") String configuredKey,
                           @Value("${kinflow.home:.kinflow}") String home) {
        this.jdbc = jdbc;
        this.key = new SecretKeySpec(loadKey(configuredKey, Path.of(home).resolve("credentials-key")), "AES");
    }

    public UUID store(UUID accountId, String kind, String secret) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] ciphertext = crypt(Cipher.ENCRYPT_MODE, accountId, nonce, secret.getBytes(StandardCharsets.UTF_8));
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO credentials (id, account_id, kind, nonce, ciphertext) VALUES (?, ?, ?, ?, ?)")
                .params(id, accountId, kind, nonce, ciphertext)
                .update();
        return id;
    }

    /** The secret, or empty when the credential was deleted (the job ended) or belongs to another account. */
    public Optional<String> load(UUID accountId, UUID id) {
        return jdbc.sql("SELECT nonce, ciphertext FROM credentials WHERE id = ? AND account_id = ?")
                .params(id, accountId)
                .query((rs, row) -> new String(crypt(Cipher.DECRYPT_MODE, accountId, rs.getBytes("nonce"),
                        rs.getBytes("ciphertext")), StandardCharsets.UTF_8))
                .optional();
    }

    /**
     * A keyed fingerprint of {@code value} (HMAC-SHA256 under a key derived from the credentials key for
     * {@code purpose}), base64url: equal values give equal fingerprints on every process sharing the key, and the
     * fingerprint reveals nothing of the value to whoever lacks the key.
     */
    public String fingerprint(String purpose, String value) {
        try {
            Mac derive = Mac.getInstance("HmacSHA256");
            derive.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            byte[] purposeKey = derive.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(purposeKey, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    /** Deletes a credential; true if it existed. */
    public boolean delete(UUID accountId, UUID id) {
        return jdbc.sql("DELETE FROM credentials WHERE id = ? AND account_id = ?").params(id, accountId).update() == 1;
    }

    private byte[] crypt(int mode, UUID accountId, byte[] nonce, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(128, nonce));
            cipher.updateAAD(accountId.toString().getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("credential could not be " + (mode == Cipher.ENCRYPT_MODE
                    ? "encrypted" : "decrypted"), e);
        }
    }

    static byte[] loadKey(String configured, Path file) {
        if (configured != null && !configured.isBlank()) {
            byte[] key = Base64.getDecoder().decode(configured.trim());
            if (key.length != 32) {
                throw new IllegalStateException("KINFLOW_CREDENTIALS_KEY must be 32 bytes, base64-encoded");
            }
            return key;
        }
        try {
            if (!Files.exists(file)) {
                byte[] key = new byte[32];
                RANDOM.nextBytes(key);
                Files.createDirectories(file.toAbsolutePath().getParent());
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(file, Base64.getEncoder().encodeToString(key));
                } catch (FileAlreadyExistsException raced) {
                    // another process created it first: use theirs
                }
            }
            return Base64.getDecoder().decode(Files.readString(file).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }
}
