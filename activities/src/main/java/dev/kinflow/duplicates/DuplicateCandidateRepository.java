package dev.kinflow.duplicates;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Reading and dismissing an account's duplicate candidates. */
@Repository
public class DuplicateCandidateRepository {

    public static final Set<String> STATUSES = Set.of("pending", "dismissed", "merged");

    private static final String SELECT = """
            SELECT d.id, d.score, CAST(d.reasons AS text) AS reasons, d.status,
                   a.id AS a_id, trim(a.first_name || ' ' || coalesce(a.last_name, '')) AS a_name,
                   b.id AS b_id, trim(b.first_name || ' ' || coalesce(b.last_name, '')) AS b_name
            FROM duplicate_candidates d JOIN contacts a ON a.id = d.contact_a JOIN contacts b ON b.id = d.contact_b
            """;

    private static final TypeReference<List<DuplicateScorer.Reason>> REASONS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public DuplicateCandidateRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A page of candidates with this status, highest score first. */
    public List<DuplicateCandidate> list(UUID account, String status, int limit, int offset) {
        return jdbc.sql(SELECT + " WHERE d.account_id = ? AND d.status = ? ORDER BY d.score DESC, d.id LIMIT ? OFFSET ?")
                .params(account, status, limit, offset).query(this::map).list();
    }

    public long count(UUID account, String status) {
        return jdbc.sql("SELECT count(*) FROM duplicate_candidates WHERE account_id = ? AND status = ?")
                .params(account, status).query(Long.class).single();
    }

    public Optional<DuplicateCandidate> find(UUID account, long id) {
        return jdbc.sql(SELECT + " WHERE d.account_id = ? AND d.id = ?").params(account, id).query(this::map)
                .optional();
    }

    /** Moves a pending candidate to dismissed; a dismissed one stays dismissed. False when it is merged. */
    public boolean dismiss(UUID account, long id) {
        jdbc.sql("UPDATE duplicate_candidates SET status = 'dismissed', updated_at = now() "
                + "WHERE account_id = ? AND id = ? AND status = 'pending'").params(account, id).update();
        return find(account, id).map(c -> c.status().equals("dismissed")).orElse(false);
    }

    private DuplicateCandidate map(ResultSet rs, int row) throws SQLException {
        return new DuplicateCandidate(rs.getLong("id"),
                new DuplicateCandidate.ContactRef(rs.getLong("a_id"), rs.getString("a_name")),
                new DuplicateCandidate.ContactRef(rs.getLong("b_id"), rs.getString("b_name")),
                rs.getDouble("score"), json.readValue(rs.getString("reasons"), REASONS), rs.getString("status"));
    }
}
