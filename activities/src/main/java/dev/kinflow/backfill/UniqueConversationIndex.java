package dev.kinflow.backfill;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * The unique index that keeps duplicates from coming back once conversation-keys has merged them: at most one
 * <em>open</em> conversation per (account, canonical key). Closed conversations (merged duplicates, history) may
 * share a key. Built with {@code CREATE UNIQUE INDEX CONCURRENTLY} on its own autocommit connection (it cannot run in
 * a transaction and must not block writers); an INVALID index left by an interrupted or failed build is dropped
 * ({@code DROP INDEX CONCURRENTLY}) and rebuilt.
 */
@Component
public class UniqueConversationIndex {

    public static final String NAME = "conversations_open_key_uq";

    private static final String CREATE = "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS " + NAME
            + " ON conversations (account_id, canonical_key) WHERE canonical_key IS NOT NULL AND status = 'open'";
    private static final String VALIDITY = """
            SELECT i.indisvalid FROM pg_class c
            JOIN pg_index i ON i.indexrelid = c.oid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relname = ? AND n.nspname = current_schema()""";
    private static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;

    public UniqueConversationIndex(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** What {@link #ensure} did. */
    public enum Outcome { CREATED, ALREADY_VALID, REBUILT, DUPLICATES_REMAIN }

    /** Whether the index exists and is valid. */
    public boolean isValid() {
        try (Connection connection = dataSource.getConnection()) {
            return Boolean.TRUE.equals(validity(connection));
        } catch (SQLException e) {
            throw new IllegalStateException("could not inspect index " + NAME, e);
        }
    }

    /** Builds the index unless a valid one exists; duplicates that appear during the build leave no index behind. */
    public Outcome ensure() {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            Boolean valid = validity(connection);
            if (Boolean.TRUE.equals(valid)) {
                return Outcome.ALREADY_VALID;
            }
            if (valid != null) {
                dropInvalid(connection);
            }
            try (Statement st = connection.createStatement()) {
                st.execute(CREATE);
            } catch (SQLException e) {
                if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
                dropInvalid(connection);
                return Outcome.DUPLICATES_REMAIN;
            }
            return valid == null ? Outcome.CREATED : Outcome.REBUILT;
        } catch (SQLException e) {
            throw new IllegalStateException("could not build index " + NAME + " (SQLState " + e.getSQLState() + ")", e);
        }
    }

    private static Boolean validity(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(VALIDITY)) {
            ps.setString(1, NAME);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getBoolean(1) : null;
            }
        }
    }

    private static void dropInvalid(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("DROP INDEX CONCURRENTLY IF EXISTS " + NAME);
        }
    }
}
