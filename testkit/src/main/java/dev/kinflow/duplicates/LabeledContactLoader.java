package dev.kinflow.duplicates;

import dev.kinflow.common.AddressKeys;
import dev.kinflow.common.Emails;
import dev.kinflow.common.PhoneNumbers;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Writes labeled contacts with PostgreSQL COPY (three statements for any number of contacts), normalising values
 * exactly as the contacts API does. Returns contact id to person id, the labels.
 */
public final class LabeledContactLoader {

    private LabeledContactLoader() {
    }

    public static Map<Long, Integer> load(DataSource ds, UUID account, String region, List<LabeledContact> people) {
        try (Connection c = ds.getConnection()) {
            long first;
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT nextval(pg_get_serial_sequence('contacts', 'id'))")) {
                rs.next();
                first = rs.getLong(1);
            }
            try (Statement st = c.createStatement()) {
                st.execute("SELECT setval(pg_get_serial_sequence('contacts', 'id'), " + (first + people.size()) + ")");
            }
            StringBuilder contacts = new StringBuilder();
            StringBuilder fields = new StringBuilder();
            StringBuilder addresses = new StringBuilder();
            Map<Long, Integer> labels = new HashMap<>();
            long id = first;
            for (LabeledContact p : people) {
                labels.put(id, p.personId());
                row(contacts, id, account, p.firstName(), p.lastName(), p.birthdate(), "import");
                for (String e : p.emails()) {
                    row(fields, account, id, "email", Emails.canonical(e), e);
                }
                for (String ph : p.phones()) {
                    row(fields, account, id, "phone", PhoneNumbers.canonical(ph, region), ph);
                }
                for (LabeledContact.Address a : p.addresses()) {
                    row(addresses, account, id, a.line1(), a.city(), a.postalCode(),
                            AddressKeys.key(a.line1(), a.postalCode()));
                }
                id++;
            }
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            copy.copyIn("COPY contacts (id, account_id, first_name, last_name, birthdate, origin) FROM STDIN",
                    new StringReader(contacts.toString()));
            copy.copyIn("COPY contact_fields (account_id, contact_id, kind, value, raw_value) FROM STDIN",
                    new StringReader(fields.toString()));
            copy.copyIn("COPY addresses (account_id, contact_id, line1, city, postal_code, normalized_key) FROM STDIN",
                    new StringReader(addresses.toString()));
            return labels;
        } catch (SQLException e) {
            throw new IllegalStateException("Loading labeled contacts failed", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One line of COPY text format. */
    private static void row(StringBuilder out, Object... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append('\t');
            }
            Object v = values[i];
            if (v == null) {
                out.append("\\N");
            } else {
                String s = v.toString();
                for (int k = 0; k < s.length(); k++) {
                    char ch = s.charAt(k);
                    switch (ch) {
                        case '\\' -> out.append("\\\\");
                        case '\t' -> out.append("\\t");
                        case '\n' -> out.append("\\n");
                        case '\r' -> out.append("\\r");
                        default -> out.append(ch);
                    }
                }
            }
        }
        out.append('\n');
    }
}
