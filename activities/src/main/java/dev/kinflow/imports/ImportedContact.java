package dev.kinflow.imports;

import dev.kinflow.common.AddressKeys;
import dev.kinflow.common.Emails;
import dev.kinflow.common.PhoneNumbers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A Monica contact mapped to what Kinflow stores (monica-api.md §2): names, career, birthdate, emails and phones
 * (normalised), other contact fields, addresses, tags, the latest notes, statistics and references to other contacts.
 * Partial contacts lack most keys; absent keys map to empty values. {@code contentHash} covers everything written
 * for the contact itself, so an unchanged contact is recognised and skipped (file records bring their own, see
 * {@link FileContact#contentHash()}).
 */
record ImportedContact(long monicaId, boolean partial, boolean active, Map<String, Object> scalars,
                       List<Map<String, Object>> fields, List<Map<String, Object>> addresses, List<String> tags,
                       List<Map<String, Object>> notes, Map<String, Integer> statistics, List<Reference> references,
                       String contentHash) {

    record Reference(long toMonicaId, String type) {
    }

    static ImportedContact from(JsonNode c, String defaultRegion) {
        JsonNode info = c.path("information");
        Map<String, Object> scalars = new LinkedHashMap<>();
        scalars.put("firstName", text(c.path("first_name")) == null ? "?" : text(c.path("first_name")));
        scalars.put("lastName", text(c.path("last_name")));
        scalars.put("nickname", text(c.path("nickname")));
        scalars.put("company", text(info.path("career").path("company")));
        scalars.put("jobTitle", text(info.path("career").path("job")));
        JsonNode birth = info.path("dates").path("birthdate");
        String birthDate = text(birth.path("date"));
        boolean yearUnknown = birth.path("is_year_unknown").asBoolean(false);
        scalars.put("birthdate", birthDate == null || yearUnknown || birthDate.length() < 10
                ? null : birthDate.substring(0, 10));
        boolean partial = c.path("is_partial").asBoolean(false);
        scalars.put("partial", partial);

        List<Map<String, Object>> fields = new ArrayList<>();
        for (JsonNode f : c.path("contactFields")) {
            String raw = text(f.path("content"));
            if (raw == null || raw.isBlank()) {
                continue;
            }
            String type = text(f.path("contact_field_type").path("type"));
            String kind = "email".equals(type) ? "email" : "phone".equals(type) ? "phone" : "other";
            String value = switch (kind) {
                case "email" -> Emails.canonical(raw);
                case "phone" -> PhoneNumbers.canonical(raw, defaultRegion);
                default -> raw.trim();
            };
            JsonNode label = f.path("labels").path(0).path("label");
            Map<String, Object> field = new LinkedHashMap<>();
            field.put("sourceId", f.path("id").asString());
            field.put("kind", kind);
            field.put("value", value);
            field.put("raw", raw);
            field.put("label", kind.equals("other") ? text(f.path("contact_field_type").path("name")) : text(label));
            fields.add(field);
        }
        List<Map<String, Object>> addresses = new ArrayList<>();
        for (JsonNode a : c.path("addresses")) {
            Map<String, Object> address = new LinkedHashMap<>();
            address.put("sourceId", a.path("id").asString());
            address.put("line1", text(a.path("street")));
            address.put("city", text(a.path("city")));
            address.put("region", text(a.path("province")));
            address.put("postalCode", text(a.path("postal_code")));
            address.put("country", text(a.path("country").path("iso")));
            address.put("key", AddressKeys.key(text(a.path("street")), text(a.path("postal_code"))));
            addresses.add(address);
        }
        List<String> tags = new ArrayList<>();
        for (JsonNode t : c.path("tags")) {
            String name = text(t.path("name"));
            if (name != null && !name.isBlank()) {
                tags.add(name.trim());
            }
        }
        List<Map<String, Object>> notes = new ArrayList<>();
        for (JsonNode n : c.path("notes")) {
            notes.add(ExtraItems.note(n));
        }
        Map<String, Integer> statistics = new LinkedHashMap<>();
        JsonNode stats = c.path("statistics");
        for (String kind : List.of("notes", "activities", "reminders", "tasks")) {
            statistics.put(kind, stats.path("number_of_" + kind).asInt(0));
        }
        List<Reference> references = new ArrayList<>();
        for (var group : info.path("relationships").properties()) {
            for (JsonNode member : group.getValue().path("contacts")) {
                long other = member.path("contact").path("id").asLong(0);
                if (other > 0) {
                    String name = text(member.path("relationship").path("name"));
                    references.add(new Reference(other, name == null ? group.getKey() : name));
                }
            }
        }
        long metThrough = info.path("how_you_met").path("first_met_through_contact").path("id").asLong(0);
        if (metThrough > 0) {
            references.add(new Reference(metThrough, "met_through"));
        }
        return new ImportedContact(c.path("id").asLong(), partial, c.path("is_active").asBoolean(true), scalars,
                fields, addresses, tags, notes, statistics, references, hashOf(scalars, fields, addresses, tags));
    }

    /** A hash of everything written for the contact itself, so an unchanged contact is recognised and skipped. */
    private static String hashOf(Map<String, Object> scalars, List<Map<String, Object>> fields,
                                 List<Map<String, Object>> addresses, List<String> tags) {
        StringBuilder canonical = new StringBuilder();
        canonical.append(scalars).append('|').append(fields).append('|').append(addresses).append('|').append(tags);
        return sha256(canonical.toString());
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String text(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node.asString();
    }
}
