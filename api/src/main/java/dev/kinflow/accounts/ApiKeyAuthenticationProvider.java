package dev.kinflow.accounts;

import dev.kinflow.common.security.BearerToken;
import dev.kinflow.common.security.CallerAuthentication;
import dev.kinflow.common.security.CallerKind;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Accepts an active account API key: the principal is the {@link Account} as stored now (so its status, e.g.
 * {@code resetting}, is current), the token id is the key's row id. Looked up in the database on every request, so
 * a revoked key is refused at once by every process.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class ApiKeyAuthenticationProvider implements AuthenticationProvider {

    private final ApiKeyRepository keys;

    public ApiKeyAuthenticationProvider(ApiKeyRepository keys) {
        this.keys = keys;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        return keys.authenticate(((BearerToken) authentication).token())
                .map(owner -> new CallerAuthentication(CallerKind.ACCOUNT, owner.account(), owner.keyId()))
                .orElseThrow(() -> new BadCredentialsException("not an active API key"));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return BearerToken.class.isAssignableFrom(authentication);
    }
}
