package dev.kinflow.imports;

import java.util.Arrays;
import java.util.Optional;

/** The file formats {@code POST /api/imports} accepts as {@code source}. */
public enum FileFormat {
    VCARD("vcard"),
    CSV("csv");

    private final String value;

    FileFormat(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static Optional<FileFormat> of(String value) {
        return Arrays.stream(values()).filter(f -> f.value.equals(value)).findFirst();
    }
}
