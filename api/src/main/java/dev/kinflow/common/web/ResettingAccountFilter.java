package dev.kinflow.common.web;

import dev.kinflow.accounts.Account;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * While an account is being reset, its {@code /api/**} writes are refused with 409 problem+json: a contact created in
 * the middle of the wipe would either be deleted a moment later or survive half-way, depending on which domain the
 * reset had reached. Reads stay open (progress of the reset itself is read through {@code GET /api/jobs/{id}}), and
 * {@code POST /api/account/reset} passes so that a second reset joins the running one.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 30)
public class ResettingAccountFilter extends OncePerRequestFilter {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
    private static final String RESET_PATH = "/api/account/reset";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getAttribute(TokenAuthFilter.ACCOUNT_ATTRIBUTE) instanceof Account account
                && account.isResetting() && !READS.contains(request.getMethod())
                && !request.getRequestURI().substring(request.getContextPath().length()).equals(RESET_PATH)) {
            ProblemResponses.write(response, HttpStatus.CONFLICT,
                    "The account is being reset; try again when the reset has finished");
            return;
        }
        chain.doFilter(request, response);
    }
}
