package dev.kinflow.common;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one phone rule of Kinflow (contacts API, every import path, inbound conversations, the {@code phone-e164}
 * backfill): a value becomes E.164 only when libphonenumber says the parsed number is <b>valid</b>
 * ({@link PhoneNumberUtil#isValidNumber}), not merely possible. The default region is used only for numbers written
 * without a country code: a number with {@code +}, or with an international prefix ({@code 00}, {@code 011}) that
 * the default region itself does not dial, resolves its own country. Anything else keeps its trimmed raw text, so a
 * number that cannot be read correctly round-trips unchanged instead of looking canonical.
 */
public final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    /** {@code 00} (most of the world) or {@code 011} (North America) in front of a country code. */
    private static final Pattern INTERNATIONAL_PREFIX = Pattern.compile("^(?:00|011)(?=[\\s\\d])");

    private PhoneNumbers() {
    }

    /**
     * The E.164 form of {@code raw} when it is a valid number, parsed with {@code defaultRegion} (ISO 3166 alpha-2,
     * may be null) only when it carries no country code; empty otherwise.
     */
    public static Optional<String> toE164(String raw, String defaultRegion) {
        return valid(raw, defaultRegion).map(n -> UTIL.format(n, PhoneNumberFormat.E164));
    }

    /** The canonical stored value: E.164 when valid, else the trimmed input. */
    public static String canonical(String raw, String defaultRegion) {
        return toE164(raw, defaultRegion).orElse(raw == null ? "" : raw.trim());
    }

    /** Whether {@code value} is a stored E.164 value that names a valid number (false for raw text). */
    public static boolean isValidE164(String value) {
        return value != null && value.startsWith("+") && toE164(value, null).filter(value::equals).isPresent();
    }

    /**
     * A display form of an E.164 number: national format when the number belongs to {@code accountRegion}, else
     * international format. Returns the input when it is not a valid number.
     */
    public static String display(String e164, String accountRegion) {
        return valid(e164, accountRegion).map(n -> {
            String region = UTIL.getRegionCodeForNumber(n);
            boolean home = accountRegion != null && accountRegion.equalsIgnoreCase(region);
            return UTIL.format(n, home ? PhoneNumberFormat.NATIONAL : PhoneNumberFormat.INTERNATIONAL);
        }).orElse(e164);
    }

    private static Optional<PhoneNumber> valid(String raw, String defaultRegion) {
        if (raw == null || raw.chars().noneMatch(Character::isDigit)) {
            return Optional.empty();
        }
        String text = raw.trim();
        String region = defaultRegion == null || defaultRegion.isBlank() ? "ZZ" : defaultRegion.toUpperCase();
        Optional<PhoneNumber> parsed = parse(compact(text), region).filter(UTIL::isValidNumber);
        if (parsed.isPresent()) {
            return parsed;
        }
        Matcher prefix = INTERNATIONAL_PREFIX.matcher(text);
        return prefix.find() ? parse("+" + compact(text.substring(prefix.end())), "ZZ").filter(UTIL::isValidNumber)
                : Optional.empty();
    }

    /**
     * A number written only with digits, spaces, dots, dashes and parentheses (and a leading {@code +}), as nearly all
     * are, without those separators: libphonenumber drops them while parsing anyway, but its parse runs its patterns
     * (viability, extensions) over every character, so the compact text parses about a third faster. Anything else
     * (letters of an extension, {@code #}, {@code ;}, {@code /}, other scripts' digits) is left as it is.
     * {@code PhoneNumbersTest} checks that compacting changes no result.
     */
    static String compact(String text) {
        StringBuilder digits = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9' || c == '+' && i == 0) {
                if (digits != null) {
                    digits.append(c);
                }
            } else if (c == ' ' || c == '.' || c == '-' || c == '(' || c == ')' || c == '\u00A0') {
                if (digits == null) {
                    digits = new StringBuilder(text.length()).append(text, 0, i);
                }
            } else {
                return text;
            }
        }
        return digits == null ? text : digits.toString();
    }

    private static Optional<PhoneNumber> parse(String text, String region) {
        try {
            return Optional.of(UTIL.parse(text, region));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }
}
