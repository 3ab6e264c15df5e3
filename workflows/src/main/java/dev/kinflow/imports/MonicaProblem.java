package dev.kinflow.imports;

/**
 * What went wrong with a Monica request, as far as the caller can tell; {@link #type} is the job error's
 * {@code type} and {@link #label} starts its human-readable reason.
 */
public enum MonicaProblem {
    /** Nothing answers at that address (connection refused, reset or lost). */
    UNREACHABLE("MonicaUnreachable", "Monica unreachable"),
    /** The host name does not resolve. */
    UNKNOWN_HOST("MonicaUnknownHost", "Monica's host name is unknown"),
    /** The TLS handshake failed (untrusted or expired certificate, wrong protocol). */
    TLS("MonicaTlsError", "TLS error talking to Monica"),
    /** No answer within the client's timeout. */
    TIMEOUT("MonicaTimeout", "Monica did not answer in time"),
    /** HTTP 5xx or 408. */
    SERVER_ERROR("MonicaServerError", "Monica server error"),
    /** The address answers, but not like a Monica API (no JSON, no {@code data}, no {@code /api/me}). */
    NOT_A_MONICA("NotAMonica", "not a Monica API"),
    /** HTTP 401/403 (or a redirect to the login page): the token is wrong, expired or revoked. */
    TOKEN_REJECTED("MonicaTokenRejected", "Monica rejected the API token"),
    /** HTTP 429 or the in-process host guard. */
    RATE_LIMITED("MonicaRateLimited", "Monica rate limit"),
    /** Another 4xx. */
    REQUEST_REJECTED("MonicaRequestRejected", "Monica refused the request"),
    /**
     * The outbound address policy refuses Monica's address (loopback, private, link-local …): no request was made;
     * allow a LAN Monica with {@code KINFLOW_IMPORT_ALLOWED_HOSTS}.
     */
    ADDRESS_REFUSED("MonicaAddressRefused", "Monica's address is refused by the outbound policy"),
    /** The response was over the size cap ({@code KINFLOW_IMPORT_MAX_RESPONSE_SIZE}) and was not read further. */
    RESPONSE_TOO_LARGE("MonicaResponseTooLarge", "Monica's response is over the size cap"),
    /**
     * The worker cannot read the stored token (deleted, or encrypted with another key: is
     * {@code KINFLOW_CREDENTIALS_KEY} the same on every process?). No retry can fix it.
     */
    CREDENTIAL_UNREADABLE("CredentialUnreadable", "the stored Monica token cannot be read"),
    /** The request's activity failed on the worker (not an answer from Monica). */
    WORKER_ERROR("ImportWorkerError", "the import's worker failed");

    private final String type;
    private final String label;

    MonicaProblem(String type, String label) {
        this.type = type;
        this.label = label;
    }

    public String type() {
        return type;
    }

    public String label() {
        return label;
    }
}
