package dev.kinflow.common.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * A bearer token as presented in {@code Authorization: Bearer …}, before any {@code AuthenticationProvider} has
 * accepted it. It never is authenticated itself; a provider answers with a {@link CallerAuthentication}.
 */
public final class BearerToken extends AbstractAuthenticationToken {

    private final String token;

    public BearerToken(String token) {
        super(List.of());
        this.token = token;
        setAuthenticated(false);
    }

    public String token() {
        return token;
    }

    @Override
    public Object getCredentials() {
        return token;
    }

    @Override
    public Object getPrincipal() {
        return "bearer";
    }

    @Override
    public String toString() {
        return "BearerToken[redacted]";
    }
}
