package dev.kinflow.duplicates;

import dev.kinflow.common.AddressKeys;
import dev.kinflow.common.Emails;
import dev.kinflow.common.PhoneNumbers;
import dev.kinflow.imports.CopyRows;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

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
            CopyRows contacts = new CopyRows("contacts (id, account_id, first_name, last_name, birthdate, origin)",
                    people.size() * 100);
            CopyRows fields = new CopyRows("contact_fields (account_id, contact_id, kind, value, raw_value)",
                    people.size() * 200);
            CopyRows addresses = new CopyRows("addresses (account_id, contact_id, line1, city, postal_code,"
                    + " normalized_key)", people.size() * 120);
            Map<Long, Integer> labels = new HashMap<>();
            long id = first;
            for (LabeledContact p : people) {
                labels.put(id, p.personId());
                contacts.row(id, account, p.firstName(), p.lastName(), p.birthdate(), "import");
                for (String e : p.emails()) {
                    fields.row(account, id, "email", Emails.canonical(e), e);
                }
                for (String ph : p.phones()) {
                    fields.row(account, id, "phone", PhoneNumbers.canonical(ph, region), ph);
                }
                for (LabeledContact.Address a : p.addresses()) {
                    addresses.row(account, id, a.line1(), a.city(), a.postalCode(),
                            AddressKeys.key(a.line1(), a.postalCode()));
                }
                id++;
            }
            contacts.send(c);
            fields.send(c);
            addresses.send(c);
            return labels;
        } catch (SQLException e) {
            throw new IllegalStateException("Loading labeled contacts failed", e);
        }
    }
}
