package dev.kinflow.common.web;

import java.util.Optional;

/**
 * Resolves a device token presented on {@code /client/**} to the device it belongs to. The principal returned is
 * stored as the request attribute {@link TokenAuthFilter#CLIENT_ATTRIBUTE}.
 */
public interface ClientAuthenticator {

    Optional<Object> authenticate(String token);
}
