package dev.kinflow.common.security;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The three kinds of caller, one per bearer scheme: the operator's admin token ({@code /admin/**}, metrics, health
 * details), an account API key ({@code /api/**}) and a device token ({@code /client/**}).
 */
public enum CallerKind {
    ADMIN, ACCOUNT, DEVICE;

    /** The role name for {@code hasRole(…)}. */
    public String role() {
        return name();
    }

    public GrantedAuthority authority() {
        return new SimpleGrantedAuthority("ROLE_" + name());
    }
}
