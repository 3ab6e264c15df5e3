package dev.kinflow.common.web;

import dev.kinflow.accounts.Account;
import dev.kinflow.accounts.AccountRepository;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bearer-token authentication by path: {@code /admin/**} takes the admin token, {@code /api/**} an account API key
 * (the account becomes the request's {@link Account}), {@code /client/**} a device token. Anything else (actuator,
 * OpenAPI docs) is public. A missing or wrong token gets 401 problem+json.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
public class TokenAuthFilter extends OncePerRequestFilter {

    public static final String ACCOUNT_ATTRIBUTE = "kinflow.account";
    public static final String CLIENT_ATTRIBUTE = "kinflow.client";

    private final AdminToken adminToken;
    private final AccountRepository accounts;
    private final List<ClientAuthenticator> clientAuthenticators;

    public TokenAuthFilter(AdminToken adminToken, AccountRepository accounts,
                           List<ClientAuthenticator> clientAuthenticators) {
        this.adminToken = adminToken;
        this.accounts = accounts;
        this.clientAuthenticators = clientAuthenticators;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String token = bearer(request);
        if (path.startsWith("/admin/") || path.equals("/admin")) {
            if (!adminToken.matches(token)) {
                ProblemResponses.write(response, HttpStatus.UNAUTHORIZED, "A valid admin token is required");
                return;
            }
        } else if (path.startsWith("/api/") || path.equals("/api")) {
            Optional<Account> account = token == null ? Optional.empty() : accounts.findByApiKey(token);
            if (account.isEmpty()) {
                ProblemResponses.write(response, HttpStatus.UNAUTHORIZED, "A valid account API key is required");
                return;
            }
            request.setAttribute(ACCOUNT_ATTRIBUTE, account.get());
        } else if (path.startsWith("/client/")) {
            Optional<Object> device = token == null ? Optional.empty() : clientAuthenticators.stream()
                    .map(a -> a.authenticate(token)).flatMap(Optional::stream).findFirst();
            if (device.isEmpty()) {
                ProblemResponses.write(response, HttpStatus.UNAUTHORIZED, "A valid device token is required");
                return;
            }
            request.setAttribute(CLIENT_ATTRIBUTE, device.get());
        }
        chain.doFilter(request, response);
    }

    private static String bearer(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = header.substring(7).trim();
        return token.isEmpty() ? null : token;
    }
}
