package dev.kinflow.imports;

import java.net.URI;
import java.util.Locale;

/**
 * The key of a Monica credential's request budget: a keyed hash ({@link CredentialStore#fingerprint}) of the
 * normalised base URL and the API token. Two imports with the same token against the same instance share it, whatever
 * account, job or process runs them; the key never leaves the activities (no history holds it) and does not reveal
 * the token.
 */
public final class MonicaBudgetKey {

    static final String PURPOSE = "monica-request-budget";

    private MonicaBudgetKey() {
    }

    public static String of(CredentialStore credentials, String baseUrl, String token) {
        return credentials.fingerprint(PURPOSE, normalise(baseUrl) + "\n" + token);
    }

    /** Scheme and host lower-cased, default port dropped, trailing slashes dropped: one instance, one spelling. */
    static String normalise(String baseUrl) {
        URI uri = URI.create(baseUrl.trim());
        String scheme = uri.getScheme() == null ? "https" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443)
                || (scheme.equals("http") && port == 80);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        return scheme + "://" + host + (defaultPort ? "" : ":" + port) + path;
    }
}
