package dev.kinflow.reset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kinflow.testing.AccountData;
import dev.kinflow.testing.Jdbc;
import dev.kinflow.testing.TestDatabase;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The reset registry against the migrated schema: every table with an {@code account_id} is owned by a reset domain
 * or kept for a stated reason, and every foreign key allows the deletion order. A new migration that adds a table
 * fails here until the table is registered in {@link ResetRegistry}.
 */
class ResetRegistrySchemaTest {

    static JdbcClient jdbc;

    @BeforeAll
    static void database() {
        jdbc = Jdbc.client(TestDatabase.fresh().dataSource());
    }

    static Set<String> tablesWithAccountId() {
        return new HashSet<>(AccountData.tablesWithAccountId(jdbc));
    }

    @Test
    void everyTableWithAnAccountIdIsOwnedByADomainOrKeptForAReason() {
        Set<String> unregistered = new HashSet<>(tablesWithAccountId());
        ResetRegistry.ownedTables().forEach(unregistered::remove);
        unregistered.removeAll(ResetRegistry.KEPT.keySet());
        assertThat(unregistered)
                .as("tables with account_id that no reset domain owns: add them to ResetRegistry (docs/reset.md)")
                .isEmpty();
        assertThat(ResetRegistry.KEPT.values()).allSatisfy(reason -> assertThat(reason).isNotBlank());
    }

    /**
     * Deleting a row makes PostgreSQL look up every row that references it; without an index led by the referencing
     * column that is a scan of the whole referencing table (every account's rows) per deleted row, which turns a
     * reset of 100,000 contacts into hours and slows every other account meanwhile. A partial index
     * {@code WHERE column IS NOT NULL} serves those lookups too.
     */
    @Test
    void everyForeignKeyColumnLeadsAnIndexSoDeletesNeverScanTheReferencingTable() {
        List<String> unindexed = jdbc.sql("""
                        SELECT c.conrelid::regclass || '.' || a.attname || ' -> ' || c.confrelid::regclass
                        FROM pg_constraint c
                        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
                        WHERE c.contype = 'f' AND array_length(c.conkey, 1) = 1
                          AND c.connamespace = current_schema()::regnamespace
                          AND NOT EXISTS (SELECT 1 FROM pg_index i
                                          WHERE i.indrelid = c.conrelid AND i.indkey[0] = c.conkey[1]
                                            AND (i.indpred IS NULL OR pg_get_expr(i.indpred, i.indrelid)
                                                 = '(' || a.attname || ' IS NOT NULL)'))
                        ORDER BY 1""")
                .query(String.class).list();
        assertThat(unindexed).as("foreign keys without an index led by their column").isEmpty();
    }

    /** The reset deletes every owned table by {@code account_id} in chunks: each chunk must find its rows by index. */
    @Test
    void everyOwnedTableHasAnIndexLedByAccountId() {
        List<String> unindexed = ResetRegistry.ownedTables().stream().filter(table -> !jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM pg_index i
                                       JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
                                       WHERE i.indrelid = CAST(? AS regclass) AND a.attname = 'account_id'
                                         AND i.indpred IS NULL)""")
                .param(table).query(Boolean.class).single()).toList();
        assertThat(unindexed).as("owned tables without an index led by account_id").isEmpty();
    }

    @Test
    void theRegistryNamesOnlyExistingTablesWithAnAccountIdEachOnce() {
        Set<String> actual = tablesWithAccountId();
        List<String> owned = ResetRegistry.ownedTables();
        assertThat(owned).doesNotHaveDuplicates();
        assertThat(actual).containsAll(owned).containsAll(ResetRegistry.KEPT.keySet());
        assertThat(owned).doesNotContainAnyElementsOf(ResetRegistry.KEPT.keySet());
        assertThat(owned).containsAll(ResetRegistry.RECREATED_BY_BOOTSTRAP);
        assertThat(ResetRegistry.domainNames()).doesNotHaveDuplicates().last().isEqualTo("audit");
    }

    @Test
    void detachedColumnsExistAndTablesDeletedInParallelHaveAnIntegerId() {
        for (ResetDomain domain : ResetRegistry.DOMAINS) {
            for (OwnedTable table : domain.tables()) {
                if (table.parallelism() > 1) {
                    assertThat(jdbc.sql("""
                                    SELECT data_type FROM information_schema.columns
                                    WHERE table_schema = current_schema() AND table_name = ? AND column_name = 'id'""")
                            .param(table.name()).query(String.class).optional())
                            .as("%s.id", table.name()).hasValueSatisfying(type -> assertThat(type).isIn("bigint", "integer"));
                }
                for (String column : table.detachColumns()) {
                    assertThat(jdbc.sql("""
                                    SELECT count(*) FROM information_schema.columns
                                    WHERE table_schema = current_schema() AND table_name = ? AND column_name = ?""")
                            .params(table.name(), column).query(Integer.class).single())
                            .as("%s.%s", table.name(), column).isEqualTo(1);
                }
            }
        }
    }

    /** A foreign key, with what happens to the referencing row when the referenced one is deleted. */
    record ForeignKey(String child, String column, String parent, String onDelete) {
    }

    /**
     * Deleting the parent table's rows must not be blocked by rows of the child table: either the child is emptied
     * first (earlier domain, or earlier in the same domain), or the key cascades / sets null, or (self-reference) the
     * column is detached first. A table without account_id that references an owned table must cascade, or the
     * cleanup would fail on it.
     */
    @Test
    void everyForeignKeyAllowsTheDeletionOrder() {
        List<ForeignKey> keys = jdbc.sql("""
                        SELECT c.conrelid::regclass::text AS child, a.attname AS column_name,
                               c.confrelid::regclass::text AS parent, c.confdeltype::text AS on_delete
                        FROM pg_constraint c
                        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
                        WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace""")
                .query((rs, row) -> new ForeignKey(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4)))
                .list();
        assertThat(keys).as("the foreign-key query sees the schema")
                .contains(new ForeignKey("contacts", "merged_into", "contacts", "a"));
        List<String> order = ResetRegistry.ownedTables();
        Map<String, List<String>> detached = new java.util.HashMap<>();
        ResetRegistry.DOMAINS.forEach(d -> d.tables().forEach(t -> detached.put(t.name(), t.detachColumns())));
        List<String> problems = new ArrayList<>();
        for (ForeignKey key : keys) {
            if (!order.contains(key.parent())) {
                continue;
            }
            boolean releases = key.onDelete().equals("c") || key.onDelete().equals("n") || key.onDelete().equals("d");
            if (releases) {
                continue;
            }
            if (key.child().equals(key.parent())) {
                if (!detached.get(key.child()).contains(key.column())) {
                    problems.add(key + ": self-reference must be listed in detaching(...)");
                }
            } else if (!order.contains(key.child())) {
                problems.add(key + ": the referencing table is not cleaned by any domain");
            } else if (order.indexOf(key.child()) > order.indexOf(key.parent())) {
                problems.add(key + ": the referencing table is cleaned after the referenced one");
            }
        }
        assertThat(problems).isEmpty();
    }
}
