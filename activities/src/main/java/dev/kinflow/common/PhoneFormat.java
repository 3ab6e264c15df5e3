package dev.kinflow.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How an account shows phone numbers ({@code accounts.phone_format}); the JSON and stored name is lower-case. */
public enum PhoneFormat {
    /** {@code +33123456789} */
    E164,
    /** {@code 01 23 45 67 89}: the number's own country's national format */
    NATIONAL,
    /** {@code +33 1 23 45 67 89} */
    INTERNATIONAL,
    /** the text as it was entered or imported */
    RAW;

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The format named {@code code} (case-insensitive); {@link IllegalArgumentException} for anything else. */
    @JsonCreator
    public static PhoneFormat of(String code) {
        for (PhoneFormat format : values()) {
            if (format.code().equalsIgnoreCase(code == null ? "" : code.trim())) {
                return format;
            }
        }
        throw new IllegalArgumentException("must be one of e164, national, international, raw");
    }
}
