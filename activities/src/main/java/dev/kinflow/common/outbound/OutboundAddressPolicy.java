package dev.kinflow.common.outbound;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Which addresses an outbound call (a Monica import) may connect to: public addresses, plus the blocks and host names
 * of {@link OutboundProperties#allowedHosts()}. Loopback, private (RFC 1918, ULA), shared (CGNAT), multicast,
 * unspecified and reserved addresses are refused unless allowed; link-local addresses (cloud metadata) are refused
 * always. {@link OutboundHttpClients} applies it to every address actually connected to; {@link #check(URI)} lets a
 * request be refused before anything starts.
 */
@Component
public class OutboundAddressPolicy {

    private final List<CidrBlock> allowedBlocks;
    private final Set<String> allowedNames;
    private final HostResolver resolver;

    @Autowired
    public OutboundAddressPolicy(OutboundProperties properties) {
        this(properties, HostResolver.SYSTEM);
    }

    public OutboundAddressPolicy(OutboundProperties properties, HostResolver resolver) {
        List<CidrBlock> blocks = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String entry : properties.allowedHosts()) {
            CidrBlock block = CidrBlock.parse(entry);
            if (block != null) {
                blocks.add(block);
            } else {
                names.add(entry.toLowerCase(Locale.ROOT));
            }
        }
        this.allowedBlocks = List.copyOf(blocks);
        this.allowedNames = Set.copyOf(names);
        this.resolver = resolver;
    }

    /** Throws when {@code address}, reached as {@code host}, may not be connected to. */
    public void checkAddress(String host, InetAddress address) throws RefusedAddressException {
        AddressClass kind = AddressClass.of(address);
        if (kind == AddressClass.PUBLIC) {
            return;
        }
        if (kind == AddressClass.LINK_LOCAL) {
            throw new RefusedAddressException(kind);
        }
        boolean allowed = (host != null && allowedNames.contains(host.toLowerCase(Locale.ROOT)))
                || allowedBlocks.stream().anyMatch(block -> block.contains(address));
        if (!allowed) {
            throw new RefusedAddressException(kind);
        }
    }

    /**
     * Resolves {@code host} once and returns only the addresses that may be connected to; throws when there is none
     * (naming the class of the first refused one) or the name does not resolve.
     */
    public List<InetAddress> resolvePermitted(String host) throws UnknownHostException {
        String name = unbracket(host);
        InetAddress[] addresses = resolver.resolve(name);
        List<InetAddress> permitted = new ArrayList<>(addresses.length);
        RefusedAddressException firstRefusal = null;
        for (InetAddress address : addresses) {
            try {
                checkAddress(name, address);
                permitted.add(address);
            } catch (RefusedAddressException refused) {
                firstRefusal = firstRefusal == null ? refused : firstRefusal;
            }
        }
        if (permitted.isEmpty()) {
            throw firstRefusal != null ? firstRefusal : new UnknownHostException("no address");
        }
        return List.copyOf(permitted);
    }

    /** Checks a URL's host before a job starts (the connection is checked again, on the address it uses). */
    public void check(URI url) throws UnknownHostException {
        if (url.getHost() == null) {
            throw new UnknownHostException("no host");
        }
        resolvePermitted(url.getHost());
    }

    private static String unbracket(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
