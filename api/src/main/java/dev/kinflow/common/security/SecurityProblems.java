package dev.kinflow.common.security;

import dev.kinflow.common.web.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

/**
 * Every refusal of the security filter chain as {@code application/problem+json}: 401 for a missing or unknown
 * token, 403 for a valid token of the wrong kind, 400 for a path the firewall rejects (encoded slashes, {@code ;},
 * {@code %2e}, {@code //}, {@code /./} …). The detail never echoes the request.
 */
@Component
public class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler, RequestRejectedHandler {

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        ProblemResponses.write(response, HttpStatus.UNAUTHORIZED, "A valid bearer token for this path is required");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        ProblemResponses.write(response, HttpStatus.FORBIDDEN, "This token does not give access to this path");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException e)
            throws IOException {
        ProblemResponses.write(response, HttpStatus.BAD_REQUEST, "The request path or headers are not acceptable");
    }
}
