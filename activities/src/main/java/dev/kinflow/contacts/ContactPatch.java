package dev.kinflow.contacts;

import java.time.LocalDate;
import java.util.List;

/**
 * A partial update: null scalars are left unchanged; a non-null list replaces the whole list.
 */
public record ContactPatch(String firstName, String lastName, String nickname, String company, String jobTitle,
                           LocalDate birthdate, List<ContactDraft.FieldDraft> emails,
                           List<ContactDraft.FieldDraft> phones, List<ContactDraft.AddressDraft> addresses,
                           List<String> tags) {
}
