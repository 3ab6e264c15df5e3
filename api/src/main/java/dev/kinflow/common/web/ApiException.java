package dev.kinflow.common.web;

import java.util.List;
import org.springframework.http.HttpStatus;

/** An error with a status and a safe, human-readable detail; rendered as {@code application/problem+json}. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final List<FieldProblem> fieldErrors;

    public ApiException(HttpStatus status, String detail) {
        this(status, detail, List.of());
    }

    public ApiException(HttpStatus status, String detail, List<FieldProblem> fieldErrors) {
        super(detail);
        this.status = status;
        this.fieldErrors = List.copyOf(fieldErrors);
    }

    public static ApiException notFound(String what) {
        return new ApiException(HttpStatus.NOT_FOUND, what + " not found");
    }

    public static ApiException conflict(String detail) {
        return new ApiException(HttpStatus.CONFLICT, detail);
    }

    public static ApiException badRequest(String field, String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, "Invalid request", List.of(new FieldProblem(field, message)));
    }

    public HttpStatus status() {
        return status;
    }

    public List<FieldProblem> fieldErrors() {
        return fieldErrors;
    }

    /** One offending field of a request. */
    public record FieldProblem(String field, String message) {
    }
}
