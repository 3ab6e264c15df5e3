package dev.kinflow.contacts;

import java.time.LocalDate;
import java.util.List;

/**
 * A contact to write, as given (values are normalised by {@link ContactRepository}).
 */
public record ContactDraft(String firstName, String lastName, String nickname, String company, String jobTitle,
                           LocalDate birthdate, List<FieldDraft> emails, List<FieldDraft> phones,
                           List<AddressDraft> addresses, List<String> tags) {

    public ContactDraft {
        emails = emails == null ? List.of() : List.copyOf(emails);
        phones = phones == null ? List.of() : List.copyOf(phones);
        addresses = addresses == null ? List.of() : List.copyOf(addresses);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** An email or phone as entered. */
    public record FieldDraft(String value, String label) {
    }

    /** A postal address as entered. */
    public record AddressDraft(String line1, String line2, String city, String region, String postalCode,
                               String country) {
    }
}
