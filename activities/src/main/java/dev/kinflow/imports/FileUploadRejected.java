package dev.kinflow.imports;

/** An uploaded file or its options cannot be imported; the API answers 400 naming {@link #field()}. */
public class FileUploadRejected extends RuntimeException {

    private final String field;

    public FileUploadRejected(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
