package dev.kinflow.common.outbound;

import java.net.UnknownHostException;

/**
 * An outbound call to an address the policy refuses. An {@link UnknownHostException}, so that an HTTP client's name
 * resolution can raise it; the message names the class of address (never the address) and is safe to show.
 */
public class RefusedAddressException extends UnknownHostException {

    private final AddressClass addressClass;

    public RefusedAddressException(AddressClass addressClass) {
        super("refused by the outbound address policy: " + addressClass.name().toLowerCase().replace('_', '-')
                + " address");
        this.addressClass = addressClass;
    }

    public AddressClass addressClass() {
        return addressClass;
    }
}
