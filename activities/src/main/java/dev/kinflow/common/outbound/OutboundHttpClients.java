package dev.kinflow.common.outbound;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.DefaultSchemePortResolver;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.DefaultHttpClientConnectionOperator;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.io.DetachedSocketFactory;
import org.apache.hc.client5.http.io.ManagedHttpClientConnection;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.URIScheme;
import org.apache.hc.core5.http.config.RegistryBuilder;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.net.NamedEndpoint;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.pool.PoolReusePolicy;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Builds the HTTP clients of outbound calls, with the {@link OutboundAddressPolicy} applied where it cannot be
 * side-stepped: the client's name resolution resolves each host once and hands the connection only permitted
 * addresses (no second lookup that a rebinding DNS server could answer differently), and an address already attached
 * to the target host is checked before connecting. No redirects are followed, no proxy is used (the
 * system's proxy settings are ignored: a proxy would hide the address connected to), no automatic retries, no cookies.
 */
@Component
public class OutboundHttpClients {

    private final OutboundAddressPolicy policy;
    private final DetachedSocketFactory sockets;

    @Autowired
    public OutboundHttpClients(OutboundAddressPolicy policy) {
        this(policy, scheme -> new Socket(Proxy.NO_PROXY));
    }

    /** With the plain sockets coming from {@code sockets} (tests: a factory that fails if it is ever asked). */
    public OutboundHttpClients(OutboundAddressPolicy policy, SocketSource sockets) {
        this.policy = policy;
        this.sockets = new DetachedSocketFactory() {
            @Override
            public Socket create(Proxy proxy) throws IOException {
                return create(URIScheme.HTTP.id, proxy);
            }

            @Override
            public Socket create(String scheme, Proxy proxy) throws IOException {
                return sockets.create(scheme);
            }
        };
    }

    /** Where the unconnected plain sockets come from. */
    @FunctionalInterface
    public interface SocketSource {
        Socket create(String scheme) throws IOException;
    }

    /** A client with these timeouts (connect; then each read, and the wait for the response). */
    public CloseableHttpClient create(Duration connectTimeout, Duration readTimeout) {
        var connections = new PoolingHttpClientConnectionManager(new PolicyOperator(sockets, policy),
                PoolConcurrencyPolicy.STRICT, PoolReusePolicy.LIFO, TimeValue.ofMinutes(1), null);
        connections.setMaxTotal(64);
        connections.setDefaultMaxPerRoute(16);
        connections.setDefaultConnectionConfig(ConnectionConfig.custom()
                .setConnectTimeout(Timeout.of(connectTimeout))
                .setSocketTimeout(Timeout.of(readTimeout))
                .build());
        return HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(readTimeout))
                        .setRedirectsEnabled(false)
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .build();
    }

    /** Resolves once, returns only permitted addresses (the connection uses exactly those). */
    private record PolicyDnsResolver(OutboundAddressPolicy policy) implements DnsResolver {

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            return policy.resolvePermitted(host).toArray(InetAddress[]::new);
        }

        @Override
        public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
            return policy.resolvePermitted(host).stream().map(address -> new InetSocketAddress(address, port))
                    .toList();
        }

        @Override
        public String resolveCanonicalHostname(String host) throws UnknownHostException {
            return host;
        }
    }

    /**
     * The default operator, plus a check of the one address that does not come from {@link PolicyDnsResolver}: an
     * address already attached to the target host. Unix domain sockets are refused.
     */
    private static final class PolicyOperator extends DefaultHttpClientConnectionOperator {

        private final OutboundAddressPolicy policy;

        PolicyOperator(DetachedSocketFactory sockets, OutboundAddressPolicy policy) {
            super(sockets, DefaultSchemePortResolver.INSTANCE, new PolicyDnsResolver(policy),
                    RegistryBuilder.<TlsSocketStrategy>create()
                            .register(URIScheme.HTTPS.id, DefaultClientTlsStrategy.createDefault())
                            .build());
            this.policy = policy;
        }

        @Override
        public void connect(ManagedHttpClientConnection conn, HttpHost host, NamedEndpoint endpointName,
                            Path unixDomainSocket, InetSocketAddress localAddress, Timeout connectTimeout,
                            SocketConfig socketConfig, Object attachment, HttpContext context) throws IOException {
            if (unixDomainSocket != null || socketConfig.getSocksProxyAddress() != null) {
                throw new UnknownHostException("outbound calls connect directly over TCP only");
            }
            if (host.getAddress() != null) {
                policy.checkAddress(host.getHostName(), host.getAddress());
            }
            super.connect(conn, host, endpointName, null, localAddress, connectTimeout, socketConfig, attachment,
                    context);
        }
    }
}
