package dev.kinflow.common.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Reads {@code Authorization: Bearer <token>}. No header, another scheme or an empty token is "no credentials"
 * (the request goes on anonymously and the authorization rules decide); anything else is handed to the providers.
 */
final class BearerTokenConverter implements AuthenticationConverter {

    private static final String PREFIX = "Bearer ";

    @Override
    public Authentication convert(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return null;
        }
        String token = header.substring(PREFIX.length()).trim();
        return token.isEmpty() ? null : new BearerToken(token);
    }
}
