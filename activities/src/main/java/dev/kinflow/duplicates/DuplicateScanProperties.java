package dev.kinflow.duplicates;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the duplicate scan.
 *
 * @param maxKeyContacts a blocking key (email, phone, address; a birthdate with similar names) shared by more contacts
 *                       than this makes no pairs: N contacts sharing an office switchboard number would otherwise be
 *                       N² pairs. The scan reports such keys ({@code summary.skippedKeys}); pairs through other keys
 *                       are still found.
 */
@ConfigurationProperties("kinflow.duplicates")
public record DuplicateScanProperties(@DefaultValue("50") int maxKeyContacts) {

    public static final int DEFAULT_MAX_KEY_CONTACTS = 50;

    public DuplicateScanProperties {
        if (maxKeyContacts < 2) {
            throw new IllegalArgumentException("kinflow.duplicates.max-key-contacts must be at least 2");
        }
    }
}
