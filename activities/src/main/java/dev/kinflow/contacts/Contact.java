package dev.kinflow.contacts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A contact as the API shows it. Phones carry the canonical value (E.164 when parseable), the raw input and
 * {@code display}, the value in the account's phone format; {@code avatar} is the id of its avatar photo, or null.
 */
public record Contact(long id, String firstName, String lastName, String nickname, String company, String jobTitle,
                      LocalDate birthdate, List<Email> emails, List<Phone> phones, List<Address> addresses,
                      List<String> tags, Long avatar, Instant createdAt, Instant updatedAt) {

    public record Email(String value, String label) {
    }

    /** {@code display}: rendered by {@link dev.kinflow.common.PhoneDisplay} in the account's phone format. */
    public record Phone(String value, String raw, String label, String display) {
    }

    public record Address(long id, String line1, String line2, String city, String region, String postalCode,
                          String country) {
    }
}
