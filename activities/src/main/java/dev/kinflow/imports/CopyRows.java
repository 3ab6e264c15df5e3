package dev.kinflow.imports;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.util.PSQLException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Rows for one PostgreSQL {@code COPY … FROM STDIN} in text format, sent on the connection of the current Spring
 * transaction (so the rows commit or roll back with everything else the transaction wrote). {@code COPY} inserts
 * without planning or evaluating an {@code INSERT … SELECT} per statement and batches heap writes; constraints,
 * foreign keys and triggers still apply. A unique violation surfaces as {@link DuplicateKeyException}, like a failed
 * {@code INSERT} through {@code JdbcClient}.
 */
public final class CopyRows {

    private final String statement;
    private final StringBuilder text;
    private boolean rowStarted;
    private int rows;

    /**
     * {@code table (col, …)}: the target of {@code COPY … FROM STDIN}; {@code expectedChars} sizes the buffer once
     * (growing a buffer of a few hundred kilobytes copies it each time).
     */
    public CopyRows(String target, int expectedChars) {
        this.statement = "COPY " + target + " FROM STDIN";
        this.text = new StringBuilder(Math.max(1024, expectedChars));
    }

    /** One whole row: each value as its text ({@code toString()}), null as SQL NULL. */
    public CopyRows row(Object... values) {
        for (Object value : values) {
            add(value == null ? null : value.toString());
        }
        return endRow();
    }

    CopyRows add(String value) {
        separate();
        if (value == null) {
            text.append("\\N");
            return this;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(c);
            }
        }
        return this;
    }

    CopyRows add(long value) {
        separate();
        text.append(value);
        return this;
    }

    CopyRows add(boolean value) {
        separate();
        text.append(value ? 't' : 'f');
        return this;
    }

    CopyRows add(UUID value) {
        separate();
        text.append(value);
        return this;
    }

    CopyRows add(LocalDate value) {
        return add(value == null ? null : value.toString());
    }

    CopyRows endRow() {
        text.append('\n');
        rowStarted = false;
        rows++;
        return this;
    }

    int rows() {
        return rows;
    }

    /** Sends the rows on the current transaction's connection (none: nothing is sent); returns how many went in. */
    long send(DataSource dataSource) {
        if (rows == 0) {
            return 0;
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            return send(connection);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** Sends the rows on this connection; returns how many went in. */
    public long send(Connection connection) {
        try {
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            return connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn(statement, new ByteArrayInputStream(bytes));
        } catch (SQLException e) {
            throw translated(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The failure without PostgreSQL's message, which can quote a row ("Failing row contains …"): only the SQL state
     * and the constraint, so that no contact data reaches a log or a workflow history.
     */
    private RuntimeException translated(SQLException e) {
        String constraint = e instanceof PSQLException p && p.getServerErrorMessage() != null
                ? p.getServerErrorMessage().getConstraint() : null;
        String message = statement.substring(0, statement.indexOf(" (") > 0 ? statement.indexOf(" (") : statement.length())
                + " failed: SQL state " + e.getSQLState() + (constraint == null ? "" : ", constraint " + constraint);
        if ("23505".equals(e.getSQLState())) {
            return new DuplicateKeyException(message);
        }
        if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
            return new DataIntegrityViolationException(message);
        }
        return new TransientDataAccessResourceException(message);
    }

    private void separate() {
        if (rowStarted) {
            text.append('\t');
        }
        rowStarted = true;
    }
}
