package dev.kinflow.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kinflow.imports.FileSettings.ColumnGroup;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The auto-mapping says which group each column belongs to: Google's numbered groups with their label columns,
 * Outlook's Home/Business/Other address groups and labelled phone columns, and a user mapping numbered by occurrence.
 */
class CsvHeaderMappingTest {

    static Map<String, String> described(List<String> header, CsvHeaderMapping.Mapped mapped) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            ColumnGroup group = mapped.groups().get(i);
            if (mapped.fields().get(i) != null) {
                out.put(header.get(i), mapped.fields().get(i) + " " + group.number()
                        + (group.label() == null ? "" : " " + group.label()));
            } else {
                assertThat(group).as(header.get(i)).isNull();
            }
        }
        return out;
    }

    @Test
    void googleGroupsAreNumberedByTheHeaderAndLabelColumnsPairWithTheirValues() {
        List<String> header = List.of("First Name", "E-mail 1 - Label", "E-mail 1 - Value", "E-mail 2 - Type",
                "E-mail 2 - Value", "Phone 1 - Label", "Phone 1 - Value", "Address 1 - Label",
                "Address 1 - Formatted", "Address 1 - Street", "Address 1 - City", "Address 2 - Street",
                "Address 2 - Postal Code", "Address 2 - Country", "Address 2 - PO Box");
        assertThat(described(header, CsvHeaderMapping.map(header, null))).containsExactly(
                Map.entry("First Name", "firstName 1"),
                Map.entry("E-mail 1 - Label", "email.label 1"), Map.entry("E-mail 1 - Value", "email 1"),
                Map.entry("E-mail 2 - Type", "email.label 2"), Map.entry("E-mail 2 - Value", "email 2"),
                Map.entry("Phone 1 - Label", "phone.label 1"), Map.entry("Phone 1 - Value", "phone 1"),
                Map.entry("Address 1 - Street", "address.line1 1"), Map.entry("Address 1 - City", "address.city 1"),
                Map.entry("Address 2 - Street", "address.line1 2"),
                Map.entry("Address 2 - Postal Code", "address.postalCode 2"),
                Map.entry("Address 2 - Country", "address.country 2"));
    }

    @Test
    void outlookAddressGroupsAreNamedAndPhoneHeadersNameTheirLabel() {
        List<String> header = List.of("E-mail Address", "E-mail 2 Address", "Home Phone", "Home Phone 2",
                "Business Phone", "Mobile Phone", "Business Fax", "Pager", "Company Main Phone", "Business Street",
                "Business City", "Home Street", "Home Country/Region", "Other State", "Mobile", "Phone");
        assertThat(described(header, CsvHeaderMapping.map(header, null))).containsExactly(
                Map.entry("E-mail Address", "email 1"), Map.entry("E-mail 2 Address", "email 2"),
                Map.entry("Home Phone", "phone 1 home"), Map.entry("Home Phone 2", "phone 2 home"),
                Map.entry("Business Phone", "phone 3 work"), Map.entry("Mobile Phone", "phone 4 mobile"),
                Map.entry("Company Main Phone", "phone 5 company main"),
                Map.entry("Business Street", "address.line1 2"), Map.entry("Business City", "address.city 2"),
                Map.entry("Home Street", "address.line1 1"), Map.entry("Home Country/Region", "address.country 1"),
                Map.entry("Other State", "address.region 3"), Map.entry("Mobile", "phone 6 mobile"),
                Map.entry("Phone", "phone 7"));
    }

    @Test
    void aUserMappingNumbersRepeatedFieldsByOccurrence() {
        List<String> header = List.of("Mail", "Mail kind", "Street", "Town", "Work mail", "Work street",
                "Work town", "Work mail kind", "Ignored");
        Map<String, ContactField> mapping = Map.of("Mail", ContactField.EMAIL, "Mail kind", ContactField.EMAIL_LABEL,
                "Street", ContactField.ADDRESS_LINE1, "Town", ContactField.ADDRESS_CITY, "Work mail",
                ContactField.EMAIL, "Work street", ContactField.ADDRESS_LINE1, "Work town", ContactField.ADDRESS_CITY,
                "Work mail kind", ContactField.EMAIL_LABEL);
        assertThat(described(header, CsvHeaderMapping.map(header, mapping))).containsExactly(
                Map.entry("Mail", "email 1"), Map.entry("Mail kind", "email.label 1"),
                Map.entry("Street", "address.line1 1"), Map.entry("Town", "address.city 1"),
                Map.entry("Work mail", "email 2"), Map.entry("Work street", "address.line1 2"),
                Map.entry("Work town", "address.city 2"), Map.entry("Work mail kind", "email.label 2"));
    }

    @Test
    void fileLabelsAreTrimmedLowerCaseWithoutGooglesPrimaryMarkAndAtMost50Characters() {
        assertThat(FileRecordDraft.label(" * Home ")).isEqualTo("home");
        assertThat(FileRecordDraft.label("Cottage")).isEqualTo("cottage");
        assertThat(FileRecordDraft.label(" ")).isNull();
        assertThat(FileRecordDraft.label("x".repeat(80))).hasSize(50);
    }

    @Test
    void vcardTypesBecomeOneLowerCaseLabel() {
        assertThat(VcardChunkReader.label(List.of("CELL", "VOICE", "pref"))).isEqualTo("mobile");
        assertThat(VcardChunkReader.label(List.of("INTERNET", "WORK"))).isEqualTo("work");
        assertThat(VcardChunkReader.label(List.of("work", "fax"))).isEqualTo("work fax");
        assertThat(VcardChunkReader.label(List.of("internet", "x400", "pref"))).isNull();
        assertThat(VcardChunkReader.label(List.of())).isNull();
    }
}
