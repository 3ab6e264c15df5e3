package dev.kinflow.common.security;

import dev.kinflow.common.Tokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The admin token for {@code /admin/**}: {@code KINFLOW_ADMIN_TOKEN} when set, otherwise read from (or generated
 * once into) {@code <kinflow.home>/admin-token} with mode 0600. Only the file's path is ever logged.
 */
@Component
public class AdminToken {

    private static final Logger log = LoggerFactory.getLogger(AdminToken.class);

    private final String token;

    public AdminToken(@Value("${kinflow.admin-token:}") String configured, @Value("${kinflow.home:.kinflow}") String home) {
        this.token = configured.isBlank() ? fromFile(Path.of(home).toAbsolutePath().resolve("admin-token")) : configured;
    }

    public boolean matches(String candidate) {
        return Tokens.sameSecret(token, candidate);
    }

    private static String fromFile(Path file) {
        try {
            if (Files.exists(file)) {
                log.info("Admin token read from {}", file);
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            Files.createDirectories(file.getParent());
            String generated = Tokens.newToken("kfadmin");
            Path tmp = Files.createTempFile(file.getParent(), "admin-token", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, generated + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file);
            log.info("No KINFLOW_ADMIN_TOKEN set: generated an admin token into {} (mode 0600)", file);
            return generated;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or create the admin token file " + file, e);
        }
    }
}
