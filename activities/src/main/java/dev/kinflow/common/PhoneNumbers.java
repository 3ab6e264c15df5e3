package dev.kinflow.common;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Optional;

/**
 * Phone normalisation with libphonenumber. A value that does not parse to a possible number is never an error: the
 * caller keeps the raw input as the stored value.
 */
public final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private PhoneNumbers() {
    }

    /**
     * The E.164 form of {@code raw}, parsed with {@code defaultRegion} (ISO 3166 alpha-2, may be null) for national
     * numbers; empty when the input has no digits or is not a possible number.
     */
    public static Optional<String> toE164(String raw, String defaultRegion) {
        return parse(raw, defaultRegion).map(n -> UTIL.format(n, PhoneNumberFormat.E164));
    }

    /** The canonical stored value: E.164 when parseable, else the trimmed input. */
    public static String canonical(String raw, String defaultRegion) {
        return toE164(raw, defaultRegion).orElse(raw == null ? "" : raw.trim());
    }

    /**
     * A display form of an E.164 number: national format when the number belongs to {@code accountRegion}, else
     * international format. Returns the input when it does not parse.
     */
    public static String display(String e164, String accountRegion) {
        return parse(e164, accountRegion).map(n -> {
            String region = UTIL.getRegionCodeForNumber(n);
            boolean home = accountRegion != null && accountRegion.equalsIgnoreCase(region);
            return UTIL.format(n, home ? PhoneNumberFormat.NATIONAL : PhoneNumberFormat.INTERNATIONAL);
        }).orElse(e164);
    }

    private static Optional<PhoneNumber> parse(String raw, String defaultRegion) {
        if (raw == null || raw.chars().noneMatch(Character::isDigit)) {
            return Optional.empty();
        }
        String region = defaultRegion == null || defaultRegion.isBlank() ? "ZZ" : defaultRegion.toUpperCase();
        try {
            PhoneNumber number = UTIL.parse(raw.trim(), region);
            return UTIL.isPossibleNumber(number) ? Optional.of(number) : Optional.empty();
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }
}
