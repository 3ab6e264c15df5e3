package dev.kinflow.outreach;

/** A batch request that cannot be honoured as given; the API answers 400 naming {@code field}. */
public class OutreachRequestException extends RuntimeException {

    private final String field;

    public OutreachRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
