package dev.kinflow.common.web;

import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs an unexpected failure under a fresh correlation id that the 500 response carries too, so an operator can find
 * the log line a client reports. Only the exception types and the first frame are logged: exception messages (from
 * the database, say) can carry contact data or SQL, and the response carries neither.
 */
public final class UnexpectedErrors {

    private static final Logger log = LoggerFactory.getLogger(UnexpectedErrors.class);

    private UnexpectedErrors() {
    }

    /** Logs the failure; returns its correlation id. */
    public static String record(Throwable failure) {
        String correlationId = UUID.randomUUID().toString();
        StringBuilder types = new StringBuilder();
        for (Throwable t = failure; t != null && types.length() < 500; t = t.getCause() == t ? null : t.getCause()) {
            types.append(types.isEmpty() ? "" : " <- ").append(t.getClass().getName());
        }
        StackTraceElement at = failure != null && failure.getStackTrace().length > 0
                ? failure.getStackTrace()[0] : null;
        log.error("Unexpected error [correlationId={}]: {}{}", correlationId, types, at == null ? "" : " at " + at);
        return correlationId;
    }
}
