package dev.kinflow.duplicates;

import java.time.LocalDate;
import java.util.List;

/**
 * One generated contact record and its label: records with the same {@code personId} are the same person (true
 * duplicates); everything else is a different person, however similar.
 */
public record LabeledContact(int personId, String firstName, String lastName, LocalDate birthdate,
                             List<String> emails, List<String> phones, List<Address> addresses) {

    /** A postal address as entered. */
    public record Address(String line1, String city, String postalCode) {
    }
}
