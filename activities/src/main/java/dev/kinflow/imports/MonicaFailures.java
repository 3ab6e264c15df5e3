package dev.kinflow.imports;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ConnectTimeoutException;

/**
 * Classifies why a request to Monica got no HTTP answer, from the exception's cause chain. The detail names the
 * host and port (never the token, never a response body), e.g. "connection refused (127.0.0.1:1)".
 */
final class MonicaFailures {

    private MonicaFailures() {
    }

    static MonicaCall classify(IOException failure, URI uri, Duration timeout) {
        String address = uri.getHost() + ":" + port(uri);
        if (has(failure, HttpConnectTimeoutException.class) || has(failure, ConnectTimeoutException.class)) {
            return MonicaCall.transientFailure(MonicaProblem.TIMEOUT, 0, "no connection within the connect timeout ("
                    + address + ")");
        }
        if (has(failure, HttpTimeoutException.class) || has(failure, SocketTimeoutException.class)) {
            return MonicaCall.transientFailure(MonicaProblem.TIMEOUT, 0, "no answer within " + timeout.toSeconds()
                    + " s (" + address + ")");
        }
        if (has(failure, UnresolvedAddressException.class) || has(failure, UnknownHostException.class)) {
            return MonicaCall.transientFailure(MonicaProblem.UNKNOWN_HOST, 0, "unknown host " + uri.getHost());
        }
        SSLException tls = find(failure, SSLException.class);
        if (tls != null) {
            return MonicaCall.transientFailure(MonicaProblem.TLS, 0, "TLS handshake with " + address + " failed: "
                    + tlsReason(tls));
        }
        if (has(failure, ConnectException.class)) {
            return MonicaCall.transientFailure(MonicaProblem.UNREACHABLE, 0, "connection refused (" + address + ")");
        }
        return MonicaCall.transientFailure(MonicaProblem.UNREACHABLE, 0, "connection lost (" + address + ", "
                + failure.getClass().getSimpleName() + ")");
    }

    private static String tlsReason(SSLException tls) {
        String message = String.valueOf(tls.getMessage());
        if (message.contains("PKIX") || message.contains("certification path")) {
            return "certificate not trusted";
        }
        if (message.contains("expired")) {
            return "certificate expired";
        }
        if (message.contains("plaintext") || message.contains("Unsupported or unrecognized SSL message")) {
            return "the server does not speak TLS";
        }
        return tls.getClass().getSimpleName();
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
    }

    private static boolean has(Throwable failure, Class<? extends Throwable> type) {
        return find(failure, type) != null;
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
