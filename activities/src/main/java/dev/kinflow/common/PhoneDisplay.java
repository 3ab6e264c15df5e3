package dev.kinflow.common;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Renders a stored phone for display in an account's {@link PhoneFormat}, with libphonenumber. A stored E.164 value
 * carries its own country code, so the national and international forms are those of the number's own region,
 * whatever the account's region (a French number shown nationally is {@code 01 23 45 67 89} everywhere). A value that
 * is not E.164 (kept as entered, because it was not a valid number) is shown as entered.
 */
public final class PhoneDisplay {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private PhoneDisplay() {
    }

    /**
     * @param value  the stored canonical value ({@code contact_fields.value}: E.164, or the trimmed raw text)
     * @param raw    the text as entered ({@code raw_value}); may be null
     * @param format the account's format
     */
    public static String render(String value, String raw, PhoneFormat format) {
        String entered = raw == null || raw.isBlank() ? value : raw.trim();
        if (format == PhoneFormat.RAW || value == null || !value.startsWith("+")) {
            return entered;
        }
        PhoneNumber number;
        try {
            number = UTIL.parse(value, "ZZ");
        } catch (NumberParseException e) {
            return entered;
        }
        return switch (format) {
            case E164 -> UTIL.format(number, PhoneNumberFormat.E164);
            case NATIONAL -> UTIL.format(number, PhoneNumberFormat.NATIONAL);
            case INTERNATIONAL -> UTIL.format(number, PhoneNumberFormat.INTERNATIONAL);
            case RAW -> entered;
        };
    }
}
