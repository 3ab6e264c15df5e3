package dev.kinflow.imports;

import java.util.Arrays;
import java.util.Optional;

/**
 * Where a CSV column goes ({@code options.mapping} values). {@link #EMAIL}, {@link #PHONE}, {@link #TAGS} and
 * {@link #NOTE} may be mapped from several columns. Repeated fields are told apart by occurrence: the n-th column
 * mapped to an {@code address.*} field belongs to the n-th address, and the n-th {@link #EMAIL_LABEL} /
 * {@link #PHONE_LABEL} column labels the n-th {@link #EMAIL} / {@link #PHONE} column
 * ({@link CsvHeaderMapping}).
 */
public enum ContactField {
    FIRST_NAME("firstName"),
    LAST_NAME("lastName"),
    NICKNAME("nickname"),
    COMPANY("company"),
    JOB_TITLE("jobTitle"),
    BIRTHDATE("birthdate"),
    EMAIL("email"),
    PHONE("phone"),
    EMAIL_LABEL("email.label"),
    PHONE_LABEL("phone.label"),
    ADDRESS_LINE1("address.line1"),
    ADDRESS_CITY("address.city"),
    ADDRESS_POSTAL_CODE("address.postalCode"),
    ADDRESS_REGION("address.region"),
    ADDRESS_COUNTRY("address.country"),
    NOTE("note"),
    TAGS("tags");

    private final String value;

    ContactField(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static Optional<ContactField> of(String value) {
        return Arrays.stream(values()).filter(f -> f.value.equals(value)).findFirst();
    }
}
