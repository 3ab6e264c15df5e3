package dev.kinflow.backfill;

import dev.kinflow.common.PhoneNumbers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Re-normalises phone fields to E.164 with the account's current default region, from the raw input that was kept,
 * under the one rule of {@link PhoneNumbers} (valid numbers only). It also repairs values stored by the old rule
 * (E.164 for any <em>possible</em> number): a stored {@code +…} value that is not a valid number goes back to its
 * trimmed raw text ({@code reverted}). A raw value that is not a valid number stays as it is (counted as failed). When two phone fields of a contact become equal, the
 * one with the lowest id is kept and the later ones are deleted. Changed values get {@code origin = 'backfill'}.
 *
 * <p>A field is a duplicate when a phone field of the same contact with a lower id normalises to the same value; that
 * rule gives the same answer whether or not the earlier batches were written, so a dry run reports exactly what a real
 * run does. Each batch is three set-based statements: read the batch, read the earlier phone fields of its contacts,
 * write back with one {@code UPDATE … FROM unnest(…)} and one {@code DELETE}.
 */
@Component
public class PhoneE164Step implements BackfillStep {

    public static final String NAME = "phones";
    private static final int SAMPLE = 10;

    private final JdbcClient jdbc;

    public PhoneE164Step(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private record PhoneRow(long id, long contactId, String value, String rawValue, String region) {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public StepBatch run(BackfillScope scope, String cursor) {
        List<PhoneRow> batch = jdbc.sql("""
                        SELECT f.id, f.contact_id, f.value, f.raw_value, a.default_region
                        FROM contact_fields f JOIN accounts a ON a.id = f.account_id
                        WHERE f.kind = 'phone' AND f.id > ? AND (CAST(? AS uuid) IS NULL OR f.account_id = ?)
                        ORDER BY f.id LIMIT ?""")
                .params(SqlArrays.idAfter(cursor), scope.accountId(), scope.accountId(), scope.batchSize())
                .query((rs, row) -> new PhoneRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)))
                .list();
        if (batch.isEmpty()) {
            return new StepBatch(null, 0, 0, 0, 0, Map.of(), List.of());
        }
        long lastId = batch.getLast().id();
        Map<Long, Optional<String>> normalised = new HashMap<>();
        Map<Long, String> regionOfContact = new HashMap<>();
        for (PhoneRow row : batch) {
            normalised.put(row.id(), normalise(row));
            regionOfContact.put(row.contactId(), row.region());
        }
        Map<Long, Map<String, Long>> firstIdOfValue = earlierValues(regionOfContact, batch.getFirst().id());
        for (PhoneRow row : batch) {
            firstIdOfValue.computeIfAbsent(row.contactId(), c -> new HashMap<>())
                    .putIfAbsent(target(row, normalised.get(row.id())), row.id());
        }

        List<Long> updateIds = new ArrayList<>();
        List<String> updateValues = new ArrayList<>();
        List<Long> deleteIds = new ArrayList<>();
        List<StepBatch.SampleEntry> sample = new ArrayList<>();
        long unparseable = 0;
        long unchanged = 0;
        long reverted = 0;
        for (PhoneRow row : batch) {
            Optional<String> e164 = normalised.get(row.id());
            String after = target(row, e164);
            Long first = firstIdOfValue.getOrDefault(row.contactId(), Map.of()).get(after);
            if (first != null && first < row.id()) {
                deleteIds.add(row.id());
                addSample(sample, row, "(deleted: duplicate of phone field " + first + ")");
            } else if (!after.equals(row.value())) {
                updateIds.add(row.id());
                updateValues.add(after);
                addSample(sample, row, after);
                if (e164.isEmpty()) {
                    reverted++;
                }
            } else if (e164.isEmpty()) {
                unparseable++;
            } else {
                unchanged++;
            }
        }
        if (!scope.dryRun()) {
            write(updateIds, updateValues, deleteIds);
        }
        Map<String, Long> details = new LinkedHashMap<>();
        details.put("normalised", (long) updateIds.size() - reverted);
        details.put("reverted", reverted);
        details.put("duplicatesRemoved", (long) deleteIds.size());
        details.put("unparseable", unparseable);
        return new StepBatch(Long.toString(lastId), batch.size(), updateIds.size() + deleteIds.size(), unchanged,
                unparseable, details, sample);
    }

    /** E.164 from the raw input, else from the stored value; empty when neither is a valid number. */
    private static Optional<String> normalise(PhoneRow row) {
        return PhoneNumbers.toE164(row.rawValue(), row.region())
                .or(() -> PhoneNumbers.toE164(row.value(), row.region()));
    }

    /**
     * The value the field should hold: the valid E.164 number; else, for a {@code +…} value the old rule stored
     * although it is not a valid number, the trimmed raw input (reverted); else the stored value as it is.
     */
    private static String target(PhoneRow row, Optional<String> e164) {
        if (e164.isPresent()) {
            return e164.get();
        }
        boolean storedByOldRule = row.value() != null && row.value().startsWith("+")
                && !PhoneNumbers.isValidE164(row.value());
        return storedByOldRule && row.rawValue() != null && !row.rawValue().isBlank() ? row.rawValue().trim()
                : row.value();
    }

    /**
     * For each contact of the batch, the lowest id of a phone field before the batch ({@code id < firstId}) per
     * normalised value; the batch's own fields are added by the caller, in id order.
     */
    private Map<Long, Map<String, Long>> earlierValues(Map<Long, String> regionOfContact, long firstId) {
        Map<Long, Map<String, Long>> firstIdOfValue = new HashMap<>();
        jdbc.sql("""
                        SELECT id, contact_id, value, raw_value FROM contact_fields
                        WHERE kind = 'phone' AND contact_id = ANY(?) AND id < ?
                        ORDER BY id""")
                .params(SqlArrays.longs(regionOfContact.keySet()), firstId)
                .query((rs, rowNum) -> new PhoneRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        regionOfContact.get(rs.getLong(2))))
                .list()
                .forEach(field -> firstIdOfValue.computeIfAbsent(field.contactId(), c -> new HashMap<>())
                        .putIfAbsent(target(field, normalise(field)), field.id()));
        return firstIdOfValue;
    }

    private void write(List<Long> updateIds, List<String> updateValues, List<Long> deleteIds) {
        if (!updateIds.isEmpty()) {
            jdbc.sql("""
                            UPDATE contact_fields f SET value = v.value, origin = 'backfill', updated_at = now()
                            FROM unnest(?::bigint[], ?::text[]) AS v(id, value)
                            WHERE f.id = v.id AND f.value IS DISTINCT FROM v.value""")
                    .params(SqlArrays.longs(updateIds), SqlArrays.texts(updateValues))
                    .update();
        }
        if (!deleteIds.isEmpty()) {
            jdbc.sql("DELETE FROM contact_fields WHERE id = ANY(?)").param(SqlArrays.longs(deleteIds)).update();
        }
    }

    private static void addSample(List<StepBatch.SampleEntry> sample, PhoneRow row, String after) {
        if (sample.size() < SAMPLE) {
            sample.add(new StepBatch.SampleEntry("contact_fields", row.id(), row.value(), after));
        }
    }
}
