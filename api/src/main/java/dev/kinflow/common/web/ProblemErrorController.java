package dev.kinflow.common.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The container's error page ({@code /error}) as problem+json instead of Boot's JSON or HTML: errors raised outside
 * Spring MVC — by a filter, or by Tomcat itself for a malformed request line — end up here. A 5xx gets a
 * correlation id (logged by {@link UnexpectedErrors}); nothing of the request or the exception is echoed.
 */
@RestController
public class ProblemErrorController implements ErrorController {

    @RequestMapping("/error")
    public void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) == null) {
            // asked for directly, not an error dispatch: there is no error to report
            ProblemResponses.write(response, HttpStatus.NOT_FOUND, "Not Found");
            return;
        }
        HttpStatus status = status(request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE));
        Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (causedBy(failure, InvalidParameterException.class)) {
            ProblemResponses.write(response, HttpStatus.BAD_REQUEST,
                    "The query string is not valid percent-encoded UTF-8");
        } else if (status.is5xxServerError()) {
            String correlationId = UnexpectedErrors.record(failure instanceof Throwable t ? t : null);
            ProblemResponses.write(response, status, "Unexpected error; the request may be retried", correlationId);
        } else {
            ProblemResponses.write(response, status, status.getReasonPhrase());
        }
    }

    private static boolean causedBy(Object failure, Class<? extends Throwable> type) {
        Throwable t = failure instanceof Throwable f ? f : null;
        for (; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static HttpStatus status(Object code) {
        HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
        return status == null || !status.isError() ? HttpStatus.INTERNAL_SERVER_ERROR : status;
    }
}
