package dev.kinflow.common.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * In {@code KINFLOW_MODE=worker} the process serves only {@code /actuator/**}; every other path is 404. Runs before
 * the security filter chain (a worker answers 404, not 401, for the API) and so judges the container's decoded,
 * normalised path ({@code servletPath + pathInfo}), never the raw URI that {@code /actuator/..;/api/…} could fool.
 */
@Component
@ConditionalOnProperty(name = "kinflow.mode", havingValue = "worker")
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class WorkerModeFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (path.equals("/actuator") || path.startsWith("/actuator/")) {
            chain.doFilter(request, response);
            return;
        }
        ProblemResponses.write(response, HttpStatus.NOT_FOUND, "This is a worker process: only /actuator is served");
    }
}
