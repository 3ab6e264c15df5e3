package dev.kinflow.common.web;

/** Thrown while reading a request body that exceeds {@code kinflow.max-request-bytes}. */
public class PayloadTooLargeException extends RuntimeException {

    public PayloadTooLargeException(long limit) {
        super("Request body exceeds " + limit + " bytes");
    }
}
