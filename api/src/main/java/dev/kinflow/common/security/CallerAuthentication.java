package dev.kinflow.common.security;

import java.util.List;
import java.util.Objects;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * An accepted bearer token: the caller's kind (its only authority), its principal ({@code Account},
 * {@code Device} or {@link AdminPrincipal}) and the id of the stored token that was used (the API key or device
 * row; 0 for the admin token), e.g. for audit trails. The token itself is not kept.
 */
public final class CallerAuthentication extends AbstractAuthenticationToken {

    private final CallerKind kind;
    private final Object principal;
    private final long tokenId;

    public CallerAuthentication(CallerKind kind, Object principal, long tokenId) {
        super(List.of(kind.authority()));
        this.kind = kind;
        this.principal = Objects.requireNonNull(principal);
        this.tokenId = tokenId;
        setAuthenticated(true);
    }

    public CallerKind kind() {
        return kind;
    }

    public long tokenId() {
        return tokenId;
    }

    @Override
    public Object getPrincipal() {
        return principal;
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public String getName() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + tokenId;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CallerAuthentication that && kind == that.kind && tokenId == that.tokenId
                && principal.equals(that.principal);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, principal, tokenId);
    }
}
