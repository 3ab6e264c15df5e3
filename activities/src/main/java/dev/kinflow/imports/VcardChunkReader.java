package dev.kinflow.imports;

import dev.kinflow.imports.ImportFileRepository.StoredChunk;
import ezvcard.VCard;
import ezvcard.parameter.EmailType;
import ezvcard.parameter.TelephoneType;
import ezvcard.io.text.VCardReader;
import ezvcard.property.Address;
import ezvcard.property.Birthday;
import ezvcard.property.Categories;
import ezvcard.property.Email;
import ezvcard.property.Note;
import ezvcard.property.Organization;
import ezvcard.property.Photo;
import ezvcard.property.RawProperty;
import ezvcard.property.StructuredName;
import ezvcard.property.Telephone;
import ezvcard.property.Title;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.Instant;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses the cards of one stored chunk with ez-vcard (2.1, 3.0 and 4.0: quoted-printable, folded lines, inline base64
 * photos) and maps N/FN, NICKNAME, ORG, TITLE, BDAY, EMAIL and TEL (labelled by their TYPE, see {@link #label}),
 * every ADR, NOTE, CATEGORIES and PHOTO. Each card is read
 * on its own, so one bad card (unreadable, an unparseable BDAY) is skipped and reported with its card number and line.
 */
final class VcardChunkReader {

    private static final Set<String> IGNORED_TYPES = Set.of("voice", "pref", "internet", "x400");

    private VcardChunkReader() {
    }

    static ParsedChunk read(FileSettings settings, StoredChunk chunk) {
        List<FileContact> contacts = new ArrayList<>();
        List<RecordError> errors = new ArrayList<>();
        List<ParsedChunk.FilePhoto> photos = new ArrayList<>();
        List<String> cards = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        String[] all = chunk.body().split("\r\n", -1);
        StringBuilder card = null;
        for (int i = 0; i < all.length; i++) {
            String line = all[i];
            if (line.length() >= 11 && line.regionMatches(true, 0, "BEGIN:VCARD", 0, 11)
                    && line.substring(11).isBlank()) {
                if (card != null) {
                    cards.add(card.toString());
                }
                card = new StringBuilder(line.length() * 8);
                lines.add(chunk.firstLine() + i);
            }
            if (card != null) {
                card.append(line).append("\r\n");
            }
        }
        if (card != null) {
            cards.add(card.toString());
        }
        for (int i = 0; i < cards.size(); i++) {
            long recordNo = chunk.firstRecord() + i + 1;
            long line = lines.get(i);
            VCard parsed;
            try (VCardReader reader = VcardFileSplitter.reader(cards.get(i))) {
                parsed = reader.readNext();
            } catch (IOException | RuntimeException unreadable) {
                parsed = null;
            }
            if (parsed == null) {
                errors.add(new RecordError(recordNo, line, "card cannot be read"));
                continue;
            }
            FileRecordDraft draft = new FileRecordDraft();
            String problem = fill(draft, parsed);
            if (problem == null && draft.isEmpty()) {
                problem = "no name, company, email or phone";
            }
            if (problem != null) {
                errors.add(new RecordError(recordNo, line, problem));
                continue;
            }
            contacts.add(draft.toContact(recordNo, settings));
            int index = 0;
            for (Photo photo : parsed.getPhotos()) {
                if (photo.getData() != null && photo.getData().length > 0 && index < 100) {
                    String mime = photo.getContentType() == null || photo.getContentType().getMediaType() == null
                            ? "image/jpeg" : photo.getContentType().getMediaType();
                    photos.add(new ParsedChunk.FilePhoto(recordNo, index++, mime, photo.getData()));
                }
            }
        }
        return new ParsedChunk(cards.size(), contacts, errors, photos);
    }

    private static String fill(FileRecordDraft draft, VCard card) {
        StructuredName name = card.getStructuredName();
        if (name != null) {
            draft.firstName = FileRecordDraft.clean(name.getGiven());
            draft.lastName = FileRecordDraft.clean(name.getFamily());
        }
        if (draft.firstName == null && draft.lastName == null && card.getFormattedName() != null) {
            draft.firstName = FileRecordDraft.clean(card.getFormattedName().getValue());
        }
        if (card.getNickname() != null && !card.getNickname().getValues().isEmpty()) {
            draft.nickname = FileRecordDraft.clean(card.getNickname().getValues().getFirst());
        }
        Organization org = card.getOrganization();
        if (org != null && !org.getValues().isEmpty()) {
            draft.company = FileRecordDraft.clean(org.getValues().getFirst());
        }
        for (Title title : card.getTitles()) {
            if (draft.jobTitle == null) {
                draft.jobTitle = FileRecordDraft.clean(title.getValue());
            }
        }
        for (RawProperty raw : card.getExtendedProperties()) {
            if (raw.getPropertyName().equalsIgnoreCase("BDAY")) {
                return "BDAY: unparseable date";
            }
        }
        Birthday birthday = card.getBirthday();
        if (birthday != null) {
            if (birthday.getDate() != null) {
                draft.birthdate = toLocalDate(birthday.getDate());
            } else if (birthday.getPartialDate() == null && birthday.getText() != null) {
                try {
                    draft.birthdate = FileBirthdates.parse(birthday.getText());
                } catch (FileBirthdates.Unparseable e) {
                    return "BDAY: unparseable date";
                }
            }
        }
        for (Email email : card.getEmails()) {
            String value = FileRecordDraft.clean(email.getValue());
            draft.addEmail(value, label(email.getTypes().stream().map(EmailType::getValue).toList()));
        }
        for (Telephone tel : card.getTelephoneNumbers()) {
            String value = FileRecordDraft.clean(tel.getText() != null ? tel.getText()
                    : tel.getUri() == null ? null : tel.getUri().getNumber());
            draft.addPhone(value, label(tel.getTypes().stream().map(TelephoneType::getValue).toList()));
        }
        for (Address adr : card.getAddresses()) {
            FileRecordDraft.Address address = new FileRecordDraft.Address(
                    FileRecordDraft.clean(adr.getStreetAddress()), FileRecordDraft.clean(adr.getLocality()),
                    FileRecordDraft.clean(adr.getRegion()), FileRecordDraft.clean(adr.getPostalCode()),
                    FileRecordDraft.clean(adr.getCountry()));
            if (!address.isEmpty()) {
                draft.addresses.add(address);
            }
        }
        for (Note note : card.getNotes()) {
            String value = FileRecordDraft.clean(note.getValue());
            if (value != null) {
                draft.notes.add(value);
            }
        }
        for (Categories categories : card.getCategoriesList()) {
            categories.getValues().forEach(draft::addTags);
        }
        return null;
    }

    /**
     * An email's or phone's label from its TYPE parameters as ez-vcard reads them (3.0 {@code TYPE=HOME,VOICE},
     * 2.1 {@code TEL;CELL;VOICE}, 4.0 {@code TYPE="cell"}): lower case, {@code cell} named {@code mobile},
     * {@code voice}, {@code pref}, {@code internet} and {@code x400} left out (they say nothing a person would call
     * a label), the rest joined with spaces in card order ({@code TYPE=WORK,FAX} → {@code "work fax"}); null if none.
     */
    static String label(List<String> types) {
        List<String> words = new ArrayList<>();
        for (String type : types) {
            String word = type == null ? "" : type.strip().toLowerCase(Locale.ROOT);
            word = word.equals("cell") ? "mobile" : word;
            if (!word.isEmpty() && !IGNORED_TYPES.contains(word) && !words.contains(word)) {
                words.add(word);
            }
        }
        return words.isEmpty() ? null : FileRecordDraft.label(String.join(" ", words));
    }

    private static LocalDate toLocalDate(Temporal date) {
        return date instanceof Instant instant ? instant.atZone(ZoneOffset.UTC).toLocalDate() : LocalDate.from(date);
    }
}
