package dev.kinflow.common.web;

import dev.kinflow.accounts.Account;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * While an account is being reset, its {@code /api/**} writes are refused with 409 problem+json: a contact created in
 * the middle of the wipe would either be deleted a moment later or survive half-way, depending on which domain the
 * reset had reached. Reads stay open (progress of the reset itself is read through {@code GET /api/jobs/{id}}), and
 * {@code POST /api/account/reset} passes so that a second reset joins the running one.
 *
 * <p>Runs inside the security filter chain, right after authorization: the account is the authenticated principal
 * (loaded for this request, so its status is current) and the path has passed the firewall.
 */
public class ResettingAccountFilter extends OncePerRequestFilter {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
    private static final RequestMatcher RESET = PathPatternRequestMatcher.withDefaults()
            .matcher(HttpMethod.POST, "/api/account/reset");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication caller = SecurityContextHolder.getContextHolderStrategy().getContext().getAuthentication();
        if (caller != null && caller.getPrincipal() instanceof Account account
                && account.isResetting() && !READS.contains(request.getMethod()) && !RESET.matches(request)) {
            ProblemResponses.write(response, HttpStatus.CONFLICT,
                    "The account is being reset; try again when the reset has finished");
            return;
        }
        chain.doFilter(request, response);
    }
}
