package dev.kinflow.common.embedded;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The Temporal Java test server, in real time (time skipping locked), bound to the loopback interface only so that
 * several local Kinflow processes can share it without exposing it to the network. State lives in memory: runs do not
 * survive a restart.
 */
final class EmbeddedTemporalServer {

    private static Server server;
    private static TestServicesStarter services;

    private EmbeddedTemporalServer() {
    }

    /** Starts the server on {@code port} (0 picks a free one) and returns the bound port. */
    static synchronized int start(int port) {
        if (server != null) {
            return server.getPort();
        }
        services = new TestServicesStarter(true, 0);
        NettyServerBuilder builder = NettyServerBuilder.forAddress(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
        try {
            server = builder.build().start();
        } catch (IOException e) {
            services.close();
            throw new UncheckedIOException("Could not bind the embedded Temporal server to 127.0.0.1:" + port, e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedTemporalServer::stop, "embedded-temporal-stop"));
        return server.getPort();
    }

    private static synchronized void stop() {
        if (server != null) {
            server.shutdownNow();
            services.close();
            server = null;
        }
    }
}
