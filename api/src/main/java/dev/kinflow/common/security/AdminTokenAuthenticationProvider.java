package dev.kinflow.common.security;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/** Accepts the operator's admin token (compared in constant time); asked first because it needs no database. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class AdminTokenAuthenticationProvider implements AuthenticationProvider {

    private final AdminToken adminToken;

    public AdminTokenAuthenticationProvider(AdminToken adminToken) {
        this.adminToken = adminToken;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        if (adminToken.matches(((BearerToken) authentication).token())) {
            return new CallerAuthentication(CallerKind.ADMIN, new AdminPrincipal(), 0);
        }
        throw new BadCredentialsException("not the admin token");
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return BearerToken.class.isAssignableFrom(authentication);
    }
}
