package dev.kinflow.testkit.monica;

import dev.kinflow.testkit.monica.MonicaDataset.Contact;
import dev.kinflow.testkit.monica.MonicaDataset.Field;
import dev.kinflow.testkit.monica.MonicaDataset.Item;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Monica v4's JSON shapes (monica-api.md §2–§5): Contact, ContactShort, ContactField, Address, Tag, Photo, sub-list
 * items, paginated envelopes with {@code links} and {@code meta} in Monica's key order, and its error envelopes.
 */
final class MonicaJson {

    static final DateTimeFormatter API_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final String[] COLOURS = {"#fdb660", "#93521e", "#bd5067", "#b3d5fe", "#ff9807", "#709512",
            "#5f479a", "#e5e5cd"};

    private final String app;
    private final MonicaDataset data;

    MonicaJson(String app, MonicaDataset data) {
        this.app = app;
        this.data = data;
    }

    static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    static String time(Instant instant) {
        return instant == null ? null : API_TIME.format(instant);
    }

    static Map<String, Object> account() {
        return map("id", MonicaDataset.ACCOUNT_ID);
    }

    static Map<String, Object> error(String message, int code) {
        return map("error", map("message", message, "error_code", code));
    }

    private static Map<String, Object> date(LocalDate date, boolean yearUnknown) {
        if (date == null) {
            return map("is_age_based", null, "is_year_unknown", null, "date", null);
        }
        LocalDate shown = yearUnknown ? date.withYear(LocalDate.now(ZoneOffset.UTC).getYear()) : date;
        return map("is_age_based", false, "is_year_unknown", yearUnknown,
                "date", API_TIME.format(shown.atStartOfDay().toInstant(ZoneOffset.UTC)));
    }

    private static String genderType(String gender) {
        return gender == null ? null : switch (gender) {
            case "Man" -> "M";
            case "Woman" -> "F";
            default -> "O";
        };
    }

    private static String initials(Contact c) {
        return c.firstName.substring(0, 1) + (c.lastName == null ? "" : c.lastName.substring(0, 1));
    }

    private String hashId(Contact c) {
        return "h:" + Long.toString(c.id * 7919L + 104729L, 36).toUpperCase() + "AbCdEfGhIjKlMn".substring(0, 11);
    }

    private Map<String, Object> avatar(Contact c) {
        boolean hasPhoto = data.hasAvatar(c.id);
        return map("url", hasPhoto ? app + "/store/photos/" + c.id + ".png" : "",
                "source", hasPhoto ? "photo" : "default", "default_avatar_color", COLOURS[(int) (c.id % 8)]);
    }

    /** ContactShort (§2.3): birthdate directly under information, {@code url} absent for partial contacts. */
    Map<String, Object> contactShort(Contact c) {
        Map<String, Object> m = map("id", c.id, "uuid", c.uuid, "object", "contact", "hash_id", hashId(c),
                "first_name", c.firstName, "last_name", c.lastName, "nickname", c.nickname,
                "complete_name", c.completeName() + (c.dead ? " ⚰" : ""), "initials", initials(c),
                "gender", c.gender, "gender_type", genderType(c.gender), "is_starred", c.starred,
                "is_partial", c.partial, "is_active", c.active, "is_dead", c.dead, "is_me", c.me,
                "information", map("birthdate", date(c.birthdate, c.birthYearUnknown),
                        "deceased_date", date(null, false), "avatar", avatar(c)));
        if (!c.partial) {
            m.put("url", app + "/api/contacts/" + c.id);
        }
        m.put("account", account());
        return m;
    }

    /** The full Contact (§2.1), partial contacts without the keys Laravel's {@code when()} removes (§2.2). */
    Map<String, Object> contact(Contact c, boolean withFields) {
        Map<String, Object> m = map("id", c.id, "uuid", c.uuid, "object", "contact", "hash_id", hashId(c),
                "first_name", c.firstName, "last_name", c.lastName, "nickname", c.nickname,
                "complete_name", c.completeName() + (c.dead ? " ⚰" : ""), "initials", initials(c),
                "description", null, "gender", c.gender, "gender_type", genderType(c.gender),
                "is_starred", c.starred, "is_partial", c.partial, "is_active", c.active, "is_dead", c.dead,
                "is_me", c.me);
        Map<String, Object> dates = map("birthdate", date(c.birthdate, c.birthYearUnknown),
                "deceased_date", date(null, false));
        if (c.partial) {
            m.put("information", map("dates", dates));
            m.put("account", account());
            m.put("created_at", time(c.createdAt));
            m.put("updated_at", time(c.updatedAt));
            return m;
        }
        m.put("last_called", c.calls > 0 ? "2024-01-05T10:00:00.000000Z" : null);
        m.put("last_activity_together", c.activities.isEmpty() ? null : "2022-01-01T00:00:00.000000Z");
        m.put("stay_in_touch_frequency", null);
        m.put("stay_in_touch_trigger_date", null);
        Map<String, Object> relationships = new LinkedHashMap<>();
        for (int g = 0; g < MonicaDataset.RELATION_GROUPS.length; g++) {
            List<Map<String, Object>> members = new ArrayList<>();
            for (MonicaDataset.Relation r : c.relations) {
                if (r.group() == g) {
                    members.add(map("relationship", map("id", r.id(), "uuid", r.uuid(),
                                    "name", MonicaDataset.RELATION_NAMES[g]),
                            "contact", contactShort(data.contact(r.otherId()))));
                }
            }
            relationships.put(MonicaDataset.RELATION_GROUPS[g],
                    map("total", members.size(), "contacts", g == 3 && c.id % 11 == 0 ? null : members));
        }
        Contact metThrough = c.firstMetThroughId == null ? null : data.contact(c.firstMetThroughId);
        m.put("information", map("relationships", relationships, "dates", dates,
                "career", map("job", c.job, "company", c.company), "avatar", avatar(c), "food_preferences", null,
                "how_you_met", map("general_information", null, "first_met_date", date(null, false),
                        "first_met_through_contact", metThrough == null ? null : contactShort(metThrough))));
        m.put("addresses", c.addresses.stream().map(a -> address(c, a)).toList());
        m.put("tags", c.tags.stream().map(MonicaJson::tag).toList());
        m.put("statistics", map("number_of_calls", c.calls, "number_of_notes", c.notes.size(),
                "number_of_activities", c.activities.size(), "number_of_reminders", c.reminders.size(),
                "number_of_tasks", c.tasks.size(), "number_of_gifts", 0, "number_of_debts", 0));
        if (withFields) {
            m.put("contactFields", c.fields.stream().map(f -> contactField(c, f)).toList());
            List<Item> latest = c.notes.reversed().stream().limit(3).toList();
            m.put("notes", latest.stream().map(n -> subItem(c, "note", n)).toList());
        }
        m.put("url", app + "/api/contacts/" + c.id);
        m.put("account", account());
        m.put("created_at", time(c.createdAt));
        m.put("updated_at", time(c.updatedAt));
        return m;
    }

    static Map<String, Object> tag(int index) {
        String name = MonicaDataset.TAGS[index];
        return map("id", index + 1, "object", "tag", "name", name, "name_slug", name, "account", account(),
                "created_at", "2023-04-12T09:31:05Z", "updated_at", "2023-04-12T09:31:05Z");
    }

    Map<String, Object> address(Contact c, MonicaDataset.Address a) {
        Map<String, Object> country = a.countryIndex() < 0 ? null : map("id", MonicaDataset.COUNTRIES[a.countryIndex()],
                "object", "country", "name", MonicaDataset.COUNTRY_NAMES[a.countryIndex()],
                "iso", MonicaDataset.COUNTRIES[a.countryIndex()]);
        return map("id", a.id(), "uuid", a.uuid(), "object", "address", "name", a.name(), "street", a.street(),
                "city", a.city(), "province", a.province(), "postal_code", a.postalCode(),
                "latitude", a.latitude(), "longitude", a.longitude(), "country", country,
                "url", app + "/api/addresses/" + a.id(), "account", account(), "contact", contactShort(c),
                "created_at", time(c.createdAt), "updated_at", time(c.updatedAt));
    }

    Map<String, Object> contactField(Contact c, Field f) {
        String icon = "email".equals(f.type()) ? "fa fa-envelope-open-o"
                : "phone".equals(f.type()) ? "fa fa-volume-control-phone" : "fa fa-twitter";
        String protocol = "email".equals(f.type()) ? "mailto:" : "phone".equals(f.type()) ? "tel:" : null;
        int typeId = "email".equals(f.type()) ? 101 : "phone".equals(f.type()) ? 102 : 103;
        List<Map<String, Object>> labels = f.labelType() == null ? List.of() : List.of(map("id",
                f.labelType().hashCode() & 0xff, "object", "contactfieldlabel", "type", f.labelType(),
                "label", Character.toUpperCase(f.labelType().charAt(0)) + f.labelType().substring(1),
                "account", account(), "created_at", time(c.createdAt), "updated_at", time(c.createdAt)));
        return map("id", f.id(), "uuid", f.uuid(), "object", "contactfield", "content", f.content(),
                "contact_field_type", map("id", typeId, "uuid", "00000000-0000-0000-0000-00000000" + typeId,
                        "object", "contactfieldtype", "name", f.typeName(), "fontawesome_icon", icon,
                        "protocol", protocol, "delible", f.type() == null, "type", f.type(), "account", account(),
                        "created_at", "2023-01-01T00:00:00Z", "updated_at", "2023-01-01T00:00:00Z"),
                "labels", labels, "account", account(), "contact", contactShort(c),
                "created_at", time(c.createdAt), "updated_at", time(c.updatedAt));
    }

    Map<String, Object> subItem(Contact c, String object, Item item) {
        Map<String, Object> m = map("id", item.id(), "uuid", item.uuid(), "object", object);
        m.putAll(item.attributes());
        switch (object) {
            case "note" -> m.putIfAbsent("favorited_at", null);
            case "activity" -> {
                m.put("activity_type", null);
                m.put("attendees", map("total", 1, "contacts", List.of(contactShort(c))));
                m.put("emotions", List.of());
            }
            case "reminder" -> {
                m.putIfAbsent("description", null);
                m.put("delible", true);
            }
            case "task" -> {
                m.putIfAbsent("description", null);
                m.put("completed_at", Boolean.TRUE.equals(item.attributes().get("completed"))
                        ? "2024-02-01T10:00:00Z" : null);
            }
            default -> {
            }
        }
        m.put("account", account());
        m.put("contact", contactShort(c));
        m.put("created_at", time(c.createdAt));
        m.put("updated_at", time(c.updatedAt));
        return m;
    }

    Map<String, Object> photo(MonicaDataset.Photo p) {
        Contact c = data.contact(p.contactId());
        return map("id", p.id(), "uuid", p.uuid(), "object", "photo", "original_filename", "photo-" + p.id() + ".png",
                "new_filename", "photos/" + p.uuid() + ".png", "filesize", p.size(), "mime_type", "image/png",
                "dataUrl", p.dataUrl(), "link", app + "/store/photos/" + p.uuid() + ".png", "account", account(),
                "contact", c == null ? null : contactShort(c), "created_at", time(c == null ? null : c.createdAt),
                "updated_at", time(c == null ? null : c.updatedAt));
    }

    /**
     * A paginated envelope as Laravel builds it: {@code links} and {@code meta} URLs are {@code path?page=N} only
     * (Monica never calls {@code appends()}, so {@code limit}, {@code with} and {@code sort} are dropped).
     */
    static Map<String, Object> page(List<?> items, String path, int page, int perPage, long total) {
        int lastPage = (int) Math.max(1, (total + perPage - 1) / perPage);
        boolean empty = items.isEmpty();
        long from = (long) (page - 1) * perPage + 1;
        List<Map<String, Object>> metaLinks = new ArrayList<>();
        metaLinks.add(map("url", page > 1 ? path + "?page=" + (page - 1) : null, "label", "❮ Previous",
                "active", false));
        for (int p = 1; p <= lastPage; p++) {
            metaLinks.add(map("url", path + "?page=" + p, "label", String.valueOf(p), "active", p == page));
        }
        metaLinks.add(map("url", page < lastPage ? path + "?page=" + (page + 1) : null, "label", "Next ❯",
                "active", false));
        return map("data", items,
                "links", map("first", path + "?page=1", "last", path + "?page=" + lastPage,
                        "prev", page > 1 ? path + "?page=" + (page - 1) : null,
                        "next", page < lastPage ? path + "?page=" + (page + 1) : null),
                "meta", map("current_page", page, "from", empty ? null : from, "last_page", lastPage,
                        "links", metaLinks, "path", path, "per_page", perPage,
                        "to", empty ? null : from + items.size() - 1, "total", total));
    }
}
