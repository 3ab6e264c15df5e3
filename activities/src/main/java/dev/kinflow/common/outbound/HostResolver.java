package dev.kinflow.common.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Name resolution for outbound calls; the system resolver in production, a fixed table in tests. */
@FunctionalInterface
public interface HostResolver {

    HostResolver SYSTEM = InetAddress::getAllByName;

    InetAddress[] resolve(String host) throws UnknownHostException;
}
