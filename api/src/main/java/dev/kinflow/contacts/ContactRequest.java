package dev.kinflow.contacts;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;

/** Body of {@code POST /api/contacts} (and one element of the bulk endpoint). */
public record ContactRequest(
        @NotBlank @Size(max = 200) String firstName,
        @Size(max = 200) String lastName,
        @Size(max = 200) String nickname,
        @Size(max = 200) String company,
        @Size(max = 200) String jobTitle,
        @Past LocalDate birthdate,
        @Size(max = 50) List<@Valid @NotNull EmailInput> emails,
        @Size(max = 50) List<@Valid @NotNull PhoneInput> phones,
        @Size(max = 20) List<@Valid @NotNull AddressInput> addresses,
        @Size(max = 50) List<@NotBlank @Size(max = 100) String> tags) {

    /** Surrounding whitespace is allowed (it is trimmed); the address itself must look like one. */
    public record EmailInput(@NotBlank @Size(max = 320)
                             @Pattern(regexp = "\\s*[^@\\s]+@[^@\\s]+\\.[^@\\s]+\\s*",
                                     message = "must be a well-formed email address") String value,
                             @Size(max = 50) String label) {
    }

    /** Any text is accepted: a value that is not a parseable phone number is kept as entered. */
    public record PhoneInput(@NotBlank @Size(max = 64) String value, @Size(max = 50) String label) {
    }

    public record AddressInput(@Size(max = 300) String line1, @Size(max = 300) String line2,
                               @Size(max = 200) String city, @Size(max = 200) String region,
                               @Size(max = 32) String postalCode, @Size(max = 100) String country) {
    }

    ContactDraft toDraft() {
        return new ContactDraft(firstName.trim(), lastName, nickname, company, jobTitle, birthdate,
                emails == null ? null : emails.stream().map(e -> new ContactDraft.FieldDraft(e.value(), e.label())).toList(),
                phones == null ? null : phones.stream().map(p -> new ContactDraft.FieldDraft(p.value(), p.label())).toList(),
                addresses == null ? null : addresses.stream().map(ContactRequest::toDraft).toList(),
                tags);
    }

    static ContactDraft.AddressDraft toDraft(AddressInput a) {
        return new ContactDraft.AddressDraft(a.line1(), a.line2(), a.city(), a.region(), a.postalCode(), a.country());
    }
}
