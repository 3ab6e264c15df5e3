package dev.kinflow.common.web;

import dev.kinflow.duplicates.MergeRefusedException;
import dev.kinflow.jobs.JobConflictException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every error into {@code application/problem+json}. Validation errors list the offending fields under
 * {@code errors: [{field, message}]}. Messages never echo request values (they may be contact data).
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> api(ApiException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        if (!e.fieldErrors().isEmpty()) {
            problem.setProperty("errors", e.fieldErrors());
        }
        return ResponseEntity.status(e.status()).body(problem);
    }

    @ExceptionHandler(JobConflictException.class)
    ResponseEntity<ProblemDetail> jobConflict(JobConflictException e) {
        return api(ApiException.conflict(e.getMessage()));
    }

    /** A merge (of a candidate pair or of any two contacts) or its undo refused by the merge rules. */
    @ExceptionHandler(MergeRefusedException.class)
    ResponseEntity<ProblemDetail> mergeRefused(MergeRefusedException e) {
        HttpStatus status = switch (e.reason()) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case INVALID -> HttpStatus.BAD_REQUEST;
        };
        return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, e.getMessage()));
    }

    @ExceptionHandler(PayloadTooLargeException.class)
    ResponseEntity<ProblemDetail> tooLarge(PayloadTooLargeException e) {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, e.getMessage()));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        return api(ApiException.badRequest(e.getName(), "has the wrong type"));
    }

    /** Tomcat could not decode the query string (bad percent-encoding, not UTF-8): the caller's fault, 400. */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<ProblemDetail> undecodableQuery(InvalidParameterException e) {
        return api(new ApiException(HttpStatus.BAD_REQUEST,
                "The query string is not valid percent-encoded UTF-8"));
    }

    /** The firewall refused a parameter while the handler read it (a control character in a value, say). */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(RequestRejectedException e) {
        return api(new ApiException(HttpStatus.BAD_REQUEST, "The request parameters are not acceptable"));
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ProblemDetail> integrity(DataIntegrityViolationException e) {
        logger.warn("Rejected a write that violates a database constraint: " + e.getMostSpecificCause().getClass().getSimpleName());
        return api(new ApiException(HttpStatus.CONFLICT, "The request conflicts with the current state"));
    }

    /**
     * Anything unexpected — including an {@code IllegalArgumentException}: bad input is validated explicitly, so one
     * that gets here is a bug, not the caller's fault. 500 problem+json with a correlation id that is in the log
     * too; only the exception types and where it was thrown are logged (messages can carry contact data or SQL).
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "Unexpected error; the request may be retried");
        problem.setProperty("correlationId", UnexpectedErrors.record(e));
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<ApiException.FieldProblem> errors = new ArrayList<>();
        for (FieldError error : ex.getBindingResult().getFieldErrors()) {
            errors.add(new ApiException.FieldProblem(error.getField(), error.getDefaultMessage()));
        }
        ex.getBindingResult().getGlobalErrors().forEach(error ->
                errors.add(new ApiException.FieldProblem(error.getObjectName(), error.getDefaultMessage())));
        return ResponseEntity.badRequest().body(validationProblem(errors));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<ApiException.FieldProblem> errors = new ArrayList<>();
        ex.getParameterValidationResults().forEach(result -> result.getResolvableErrors().forEach(error -> {
            String field = error instanceof FieldError fe ? fe.getField()
                    : result.getMethodParameter().getParameterName();
            if (result.getContainerIndex() != null && !(error instanceof FieldError)) {
                field = field + "[" + result.getContainerIndex() + "]";
            } else if (result.getContainerIndex() != null) {
                field = "[" + result.getContainerIndex() + "]." + field;
            }
            errors.add(new ApiException.FieldProblem(field, message(error)));
        }));
        return ResponseEntity.badRequest().body(validationProblem(errors));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable cause = ex;
        while (cause != null) {
            if (cause instanceof PayloadTooLargeException tooLarge) {
                return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                        .body(ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, tooLarge.getMessage()));
            }
            cause = cause.getCause();
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The request body is not valid JSON for this endpoint");
        return ResponseEntity.badRequest().body(problem);
    }

    private static ProblemDetail validationProblem(List<ApiException.FieldProblem> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Invalid request");
        problem.setType(URI.create("about:blank"));
        problem.setProperty("errors", errors);
        return problem;
    }

    private static String message(MessageSourceResolvable error) {
        return error.getDefaultMessage();
    }
}
