package dev.kinflow.contacts;

import dev.kinflow.contacts.ContactRequest.AddressInput;
import dev.kinflow.contacts.ContactRequest.EmailInput;
import dev.kinflow.contacts.ContactRequest.PhoneInput;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;

/** Body of {@code PATCH /api/contacts/{id}}: absent fields stay unchanged, a given list replaces the whole list. */
public record ContactPatchRequest(
        @Size(min = 1, max = 200) String firstName,
        @Size(max = 200) String lastName,
        @Size(max = 200) String nickname,
        @Size(max = 200) String company,
        @Size(max = 200) String jobTitle,
        @Past LocalDate birthdate,
        @Size(max = 50) List<@Valid @NotNull EmailInput> emails,
        @Size(max = 50) List<@Valid @NotNull PhoneInput> phones,
        @Size(max = 20) List<@Valid @NotNull AddressInput> addresses,
        @Size(max = 50) List<@NotBlank @Size(max = 100) String> tags) {

    ContactPatch toPatch() {
        return new ContactPatch(firstName == null ? null : firstName.trim(), lastName, nickname, company, jobTitle,
                birthdate,
                emails == null ? null : emails.stream().map(e -> new ContactDraft.FieldDraft(e.value(), e.label())).toList(),
                phones == null ? null : phones.stream().map(p -> new ContactDraft.FieldDraft(p.value(), p.label())).toList(),
                addresses == null ? null : addresses.stream().map(ContactRequest::toDraft).toList(),
                tags);
    }
}
