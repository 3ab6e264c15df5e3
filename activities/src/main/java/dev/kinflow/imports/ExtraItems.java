package dev.kinflow.imports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Monica notes, activities, reminders and tasks (monica-api.md §5) mapped to Kinflow's columns, with a hash. */
final class ExtraItems {

    private ExtraItems() {
    }

    static Map<String, Object> note(JsonNode n) {
        return item(n, "body", ImportedContact.text(n.path("body")));
    }

    /**
     * The Monica contacts an item of an account-wide listing belongs to: an activity's attendees
     * ({@code attendees.contacts[]}), else its {@code contact}.
     */
    static List<Long> contacts(MonicaTarget kind, JsonNode n) {
        List<Long> ids = new ArrayList<>();
        if (kind == MonicaTarget.ACTIVITIES) {
            for (JsonNode attendee : n.path("attendees").path("contacts")) {
                if (attendee.path("id").isNumber()) {
                    ids.add(attendee.path("id").asLong());
                }
            }
        }
        if (ids.isEmpty() && n.path("contact").path("id").isNumber()) {
            ids.add(n.path("contact").path("id").asLong());
        }
        return ids;
    }

    static Map<String, Object> map(MonicaTarget kind, JsonNode n) {
        return switch (kind) {
            case NOTES -> note(n);
            case ACTIVITIES -> item(n, "summary", ImportedContact.text(n.path("summary")),
                    "description", ImportedContact.text(n.path("description")),
                    "happenedAt", date(ImportedContact.text(n.path("happened_at"))));
            case REMINDERS -> item(n, "title", ImportedContact.text(n.path("title")),
                    "description", ImportedContact.text(n.path("description")),
                    "nextExpectedDate", date(ImportedContact.text(n.path("initial_date"))),
                    "frequencyType", ImportedContact.text(n.path("frequency_type")),
                    "frequencyNumber", n.path("frequency_number").isNumber() ? n.path("frequency_number").asInt()
                            : null);
            case TASKS -> item(n, "title", ImportedContact.text(n.path("title")),
                    "description", ImportedContact.text(n.path("description")),
                    "completed", n.path("completed").asBoolean(false),
                    "completedAt", ImportedContact.text(n.path("completed_at")));
            default -> throw new IllegalArgumentException(kind.name());
        };
    }

    private static Map<String, Object> item(JsonNode n, Object... keyValues) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("sourceId", n.path("id").asString());
        for (int i = 0; i < keyValues.length; i += 2) {
            Object value = keyValues[i + 1];
            item.put((String) keyValues[i], value == null && i == 0 ? "" : value);
        }
        item.put("hash", ImportedContact.sha256(item.toString()));
        return item;
    }

    private static String date(String value) {
        return value == null || value.length() < 10 ? null : value.substring(0, 10);
    }
}
