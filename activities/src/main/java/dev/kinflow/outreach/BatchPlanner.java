package dev.kinflow.outreach;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Turns a batch request into items: resolves the recipients, finds each one's handle (primary E.164 phone) and
 * renders the message. Writes nothing — the same plan serves a dry run and a real batch. Bounded: at most
 * {@link #MAX_RECIPIENTS} recipients, each message at most {@link MessageTemplate#MAX_MESSAGE_LENGTH} characters and
 * the whole plan at most {@link #MAX_PLAN_CHARACTERS}; beyond any of them the request is refused (400).
 */
@Component
public class BatchPlanner {

    public static final String NO_PHONE = "no_phone";
    static final Set<String> CONTACT_VARIABLES = Set.of("firstName", "lastName", "company");
    private static final int IDS_IN_MESSAGES = 10;
    /** Recipients of one batch (contact ids, a tag or all contacts). */
    public static final int MAX_RECIPIENTS = 20_000;
    /** Characters of all the rendered messages of one batch together. */
    public static final long MAX_PLAN_CHARACTERS = 10_000_000;

    private final JdbcClient jdbc;

    public BatchPlanner(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Who a batch goes to: exactly one of the three. */
    public record Recipients(List<Long> contactIds, String tag, Boolean all) {
    }

    /** One planned item: either a handle and a body, or a skip reason. */
    public record PlannedItem(long contactId, String toHandle, String body, String skipReason) {
    }

    public List<PlannedItem> plan(UUID accountId, String template, Recipients recipients, Map<String, String> vars) {
        MessageTemplate compiled = MessageTemplate.compile(template);
        Map<String, String> custom = vars == null ? Map.of() : vars;
        for (String name : custom.keySet()) {
            if (CONTACT_VARIABLES.contains(name)) {
                throw new OutreachRequestException("vars." + name, "is filled from each contact and cannot be set");
            }
        }
        Set<String> unknown = new LinkedHashSet<>(compiled.variables());
        unknown.removeAll(CONTACT_VARIABLES);
        unknown.removeAll(custom.keySet());
        if (!unknown.isEmpty()) {
            throw new OutreachRequestException("template", "unknown variable(s) " + unknown.stream()
                    .map(v -> "{{" + v + "}}").collect(Collectors.joining(", ")) + "; add them to vars");
        }
        for (String name : compiled.variables()) {
            if (custom.containsKey(name) && isBlank(custom.get(name))) {
                throw new OutreachRequestException("vars." + name, "has no value");
            }
        }
        List<Recipient> found = recipients(accountId, recipients);
        if (found.size() > MAX_RECIPIENTS) {
            throw new OutreachRequestException("recipients", "more than " + MAX_RECIPIENTS
                    + " recipients in one batch; narrow them with a tag or contact ids");
        }
        Map<String, List<Long>> missing = new TreeMap<>();
        List<Long> tooLong = new ArrayList<>();
        long planCharacters = 0;
        List<PlannedItem> items = new ArrayList<>(found.size());
        for (Recipient r : found) {
            if (r.phone() == null) {
                items.add(new PlannedItem(r.id(), null, null, NO_PHONE));
                continue;
            }
            Map<String, String> values = new HashMap<>(custom);
            putIfPresent(values, "firstName", r.firstName());
            putIfPresent(values, "lastName", r.lastName());
            putIfPresent(values, "company", r.company());
            for (String name : compiled.variables()) {
                if (!values.containsKey(name)) {
                    missing.computeIfAbsent(name, n -> new ArrayList<>()).add(r.id());
                }
            }
            if (missing.isEmpty() && tooLong.isEmpty()) {
                String body = compiled.render(values);
                if (body.length() > MessageTemplate.MAX_MESSAGE_LENGTH) {
                    tooLong.add(r.id());
                    continue;
                }
                planCharacters += body.length();
                if (planCharacters > MAX_PLAN_CHARACTERS) {
                    throw new OutreachRequestException("recipients", "the batch's messages together exceed "
                            + MAX_PLAN_CHARACTERS + " characters; split it into smaller batches");
                }
                items.add(new PlannedItem(r.id(), r.phone(), body, null));
            }
        }
        if (!tooLong.isEmpty()) {
            throw new OutreachRequestException("template", "renders to more than " + MessageTemplate.MAX_MESSAGE_LENGTH
                    + " characters (contacts " + tooLong.stream().limit(IDS_IN_MESSAGES).map(String::valueOf)
                    .collect(Collectors.joining(", ")) + ")");
        }
        if (!missing.isEmpty()) {
            Map.Entry<String, List<Long>> first = missing.entrySet().iterator().next();
            List<Long> ids = first.getValue();
            throw new OutreachRequestException("template", "variable {{" + first.getKey() + "}} has no value for "
                    + ids.size() + " recipient(s) (contacts " + ids.stream().limit(IDS_IN_MESSAGES)
                    .map(String::valueOf).collect(Collectors.joining(", ")) + (ids.size() > IDS_IN_MESSAGES ? ", …" : "")
                    + ")");
        }
        return items;
    }

    private record Recipient(long id, String firstName, String lastName, String company, String phone) {
    }

    private List<Recipient> recipients(UUID accountId, Recipients recipients) {
        String select = """
                SELECT c.id, c.first_name, c.last_name, c.company,
                  (SELECT f.value FROM contact_fields f
                   WHERE f.contact_id = c.id AND f.kind = 'phone' AND f.value ~ '^\\+[1-9][0-9]{6,14}$'
                   ORDER BY f.position, f.id LIMIT 1) AS phone
                FROM contacts c
                WHERE c.account_id = :account AND c.merged_into IS NULL AND c.is_partial = false
                """;
        var rowMapper = (org.springframework.jdbc.core.RowMapper<Recipient>) (rs, row) -> new Recipient(
                rs.getLong("id"), rs.getString("first_name"), rs.getString("last_name"), rs.getString("company"),
                rs.getString("phone"));
        if (recipients.contactIds() != null) {
            List<Long> wanted = new ArrayList<>(new LinkedHashSet<>(recipients.contactIds()));
            Map<Long, Recipient> byId = new LinkedHashMap<>();
            jdbc.sql(select + " AND c.id = ANY(:ids)")
                    .param("account", accountId)
                    .param("ids", wanted.toArray(Long[]::new))
                    .query(rowMapper).list()
                    .forEach(r -> byId.put(r.id(), r));
            List<Long> unknownIds = wanted.stream().filter(id -> !byId.containsKey(id)).toList();
            if (!unknownIds.isEmpty()) {
                throw new OutreachRequestException("recipients.contactIds", "unknown contact id(s) " + unknownIds
                        .stream().limit(IDS_IN_MESSAGES).map(String::valueOf).collect(Collectors.joining(", ")));
            }
            return wanted.stream().map(byId::get).toList();
        }
        if (recipients.tag() != null) {
            return jdbc.sql(select + """
                             AND EXISTS (SELECT 1 FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id
                                         WHERE ct.contact_id = c.id AND lower(t.name) = lower(:tag))
                            ORDER BY c.id LIMIT :max""")
                    .param("account", accountId).param("tag", recipients.tag()).param("max", MAX_RECIPIENTS + 1)
                    .query(rowMapper).list();
        }
        return jdbc.sql(select + " ORDER BY c.id LIMIT :max").param("account", accountId)
                .param("max", MAX_RECIPIENTS + 1).query(rowMapper).list();
    }

    private static void putIfPresent(Map<String, String> values, String name, String value) {
        if (!isBlank(value)) {
            values.put(name, value);
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
