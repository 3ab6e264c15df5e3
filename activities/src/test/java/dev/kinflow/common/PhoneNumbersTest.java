package dev.kinflow.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The phone rule against real numbers: libphonenumber's own example numbers
 * ({@code getExampleNumberForType(country, FIXED_LINE|MOBILE)}, the US mobile example equals the fixed one and is
 * left out) of the US, the UK, France, Germany and Australia, each written in national format, international format,
 * with a {@code 00} prefix and cut short (junk), under three default regions. The expected values were computed with
 * libphonenumber directly — {@code parse(input, defaultRegion)}, then {@code isValidNumber} → {@code format(E164)},
 * else the trimmed input; {@code +} and {@code 00} inputs → the example number's E.164 — not typed by hand. Note the
 * honest ambiguities libphonenumber finds: a US national number is also a valid London number under GB, and an
 * Australian one a valid French number under FR.
 */
class PhoneNumbersTest {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    @ParameterizedTest(name = "{0} {1} {2} under {3}: {4} -> {5}")
    @CsvSource({
            "US, FIXED_LINE, national, US, '(201) 555-0123', '+12015550123'",
            "US, FIXED_LINE, international, US, '+1 201-555-0123', '+12015550123'",
            "US, FIXED_LINE, 00, US, '00 1 201-555-0123', '+12015550123'",
            "US, FIXED_LINE, junk, US, '(201) 555-0', '(201) 555-0'",
            "US, FIXED_LINE, national, GB, '(201) 555-0123', '+442015550123'",
            "US, FIXED_LINE, international, GB, '+1 201-555-0123', '+12015550123'",
            "US, FIXED_LINE, 00, GB, '00 1 201-555-0123', '+12015550123'",
            "US, FIXED_LINE, junk, GB, '(201) 555-0', '(201) 555-0'",
            "US, FIXED_LINE, national, FR, '(201) 555-0123', '(201) 555-0123'",
            "US, FIXED_LINE, international, FR, '+1 201-555-0123', '+12015550123'",
            "US, FIXED_LINE, 00, FR, '00 1 201-555-0123', '+12015550123'",
            "US, FIXED_LINE, junk, FR, '(201) 555-0', '(201) 555-0'",
            "GB, FIXED_LINE, national, US, '0121 234 5678', '0121 234 5678'",
            "GB, FIXED_LINE, international, US, '+44 121 234 5678', '+441212345678'",
            "GB, FIXED_LINE, 00, US, '00 44 121 234 5678', '+441212345678'",
            "GB, FIXED_LINE, junk, US, '0121 234 5', '0121 234 5'",
            "GB, FIXED_LINE, national, GB, '0121 234 5678', '+441212345678'",
            "GB, FIXED_LINE, international, GB, '+44 121 234 5678', '+441212345678'",
            "GB, FIXED_LINE, 00, GB, '00 44 121 234 5678', '+441212345678'",
            "GB, FIXED_LINE, junk, GB, '0121 234 5', '0121 234 5'",
            "GB, FIXED_LINE, national, FR, '0121 234 5678', '0121 234 5678'",
            "GB, FIXED_LINE, international, FR, '+44 121 234 5678', '+441212345678'",
            "GB, FIXED_LINE, 00, FR, '00 44 121 234 5678', '+441212345678'",
            "GB, FIXED_LINE, junk, FR, '0121 234 5', '0121 234 5'",
            "GB, MOBILE, national, US, '07400 123456', '07400 123456'",
            "GB, MOBILE, international, US, '+44 7400 123456', '+447400123456'",
            "GB, MOBILE, 00, US, '00 44 7400 123456', '+447400123456'",
            "GB, MOBILE, junk, US, '07400 123', '07400 123'",
            "GB, MOBILE, national, GB, '07400 123456', '+447400123456'",
            "GB, MOBILE, international, GB, '+44 7400 123456', '+447400123456'",
            "GB, MOBILE, 00, GB, '00 44 7400 123456', '+447400123456'",
            "GB, MOBILE, junk, GB, '07400 123', '07400 123'",
            "GB, MOBILE, national, FR, '07400 123456', '07400 123456'",
            "GB, MOBILE, international, FR, '+44 7400 123456', '+447400123456'",
            "GB, MOBILE, 00, FR, '00 44 7400 123456', '+447400123456'",
            "GB, MOBILE, junk, FR, '07400 123', '07400 123'",
            "FR, FIXED_LINE, national, US, '01 23 45 67 89', '01 23 45 67 89'",
            "FR, FIXED_LINE, international, US, '+33 1 23 45 67 89', '+33123456789'",
            "FR, FIXED_LINE, 00, US, '00 33 1 23 45 67 89', '+33123456789'",
            "FR, FIXED_LINE, junk, US, '01 23 45 67', '01 23 45 67'",
            "FR, FIXED_LINE, national, GB, '01 23 45 67 89', '01 23 45 67 89'",
            "FR, FIXED_LINE, international, GB, '+33 1 23 45 67 89', '+33123456789'",
            "FR, FIXED_LINE, 00, GB, '00 33 1 23 45 67 89', '+33123456789'",
            "FR, FIXED_LINE, junk, GB, '01 23 45 67', '01 23 45 67'",
            "FR, FIXED_LINE, national, FR, '01 23 45 67 89', '+33123456789'",
            "FR, FIXED_LINE, international, FR, '+33 1 23 45 67 89', '+33123456789'",
            "FR, FIXED_LINE, 00, FR, '00 33 1 23 45 67 89', '+33123456789'",
            "FR, FIXED_LINE, junk, FR, '01 23 45 67', '01 23 45 67'",
            "FR, MOBILE, national, US, '06 12 34 56 78', '06 12 34 56 78'",
            "FR, MOBILE, international, US, '+33 6 12 34 56 78', '+33612345678'",
            "FR, MOBILE, 00, US, '00 33 6 12 34 56 78', '+33612345678'",
            "FR, MOBILE, junk, US, '06 12 34 56', '06 12 34 56'",
            "FR, MOBILE, national, GB, '06 12 34 56 78', '06 12 34 56 78'",
            "FR, MOBILE, international, GB, '+33 6 12 34 56 78', '+33612345678'",
            "FR, MOBILE, 00, GB, '00 33 6 12 34 56 78', '+33612345678'",
            "FR, MOBILE, junk, GB, '06 12 34 56', '06 12 34 56'",
            "FR, MOBILE, national, FR, '06 12 34 56 78', '+33612345678'",
            "FR, MOBILE, international, FR, '+33 6 12 34 56 78', '+33612345678'",
            "FR, MOBILE, 00, FR, '00 33 6 12 34 56 78', '+33612345678'",
            "FR, MOBILE, junk, FR, '06 12 34 56', '06 12 34 56'",
            "DE, FIXED_LINE, national, US, '030 123456', '030 123456'",
            "DE, FIXED_LINE, international, US, '+49 30 123456', '+4930123456'",
            "DE, FIXED_LINE, 00, US, '00 49 30 123456', '+4930123456'",
            "DE, FIXED_LINE, junk, US, '030 123', '030 123'",
            "DE, FIXED_LINE, national, GB, '030 123456', '030 123456'",
            "DE, FIXED_LINE, international, GB, '+49 30 123456', '+4930123456'",
            "DE, FIXED_LINE, 00, GB, '00 49 30 123456', '+4930123456'",
            "DE, FIXED_LINE, junk, GB, '030 123', '030 123'",
            "DE, FIXED_LINE, national, FR, '030 123456', '030 123456'",
            "DE, FIXED_LINE, international, FR, '+49 30 123456', '+4930123456'",
            "DE, FIXED_LINE, 00, FR, '00 49 30 123456', '+4930123456'",
            "DE, FIXED_LINE, junk, FR, '030 123', '030 123'",
            "DE, MOBILE, national, US, '01512 3456789', '01512 3456789'",
            "DE, MOBILE, international, US, '+49 1512 3456789', '+4915123456789'",
            "DE, MOBILE, 00, US, '00 49 1512 3456789', '+4915123456789'",
            "DE, MOBILE, junk, US, '01512 3456', '01512 3456'",
            "DE, MOBILE, national, GB, '01512 3456789', '01512 3456789'",
            "DE, MOBILE, international, GB, '+49 1512 3456789', '+4915123456789'",
            "DE, MOBILE, 00, GB, '00 49 1512 3456789', '+4915123456789'",
            "DE, MOBILE, junk, GB, '01512 3456', '01512 3456'",
            "DE, MOBILE, national, FR, '01512 3456789', '01512 3456789'",
            "DE, MOBILE, international, FR, '+49 1512 3456789', '+4915123456789'",
            "DE, MOBILE, 00, FR, '00 49 1512 3456789', '+4915123456789'",
            "DE, MOBILE, junk, FR, '01512 3456', '01512 3456'",
            "AU, FIXED_LINE, national, US, '(02) 1234 5678', '(02) 1234 5678'",
            "AU, FIXED_LINE, international, US, '+61 2 1234 5678', '+61212345678'",
            "AU, FIXED_LINE, 00, US, '00 61 2 1234 5678', '+61212345678'",
            "AU, FIXED_LINE, junk, US, '(02) 1234 5', '(02) 1234 5'",
            "AU, FIXED_LINE, national, GB, '(02) 1234 5678', '(02) 1234 5678'",
            "AU, FIXED_LINE, international, GB, '+61 2 1234 5678', '+61212345678'",
            "AU, FIXED_LINE, 00, GB, '00 61 2 1234 5678', '+61212345678'",
            "AU, FIXED_LINE, junk, GB, '(02) 1234 5', '(02) 1234 5'",
            "AU, FIXED_LINE, national, FR, '(02) 1234 5678', '+33212345678'",
            "AU, FIXED_LINE, international, FR, '+61 2 1234 5678', '+61212345678'",
            "AU, FIXED_LINE, 00, FR, '00 61 2 1234 5678', '+61212345678'",
            "AU, FIXED_LINE, junk, FR, '(02) 1234 5', '(02) 1234 5'",
            "AU, MOBILE, national, US, '0412 345 678', '0412 345 678'",
            "AU, MOBILE, international, US, '+61 412 345 678', '+61412345678'",
            "AU, MOBILE, 00, US, '00 61 412 345 678', '+61412345678'",
            "AU, MOBILE, junk, US, '0412 345 ', '0412 345'",
            "AU, MOBILE, national, GB, '0412 345 678', '0412 345 678'",
            "AU, MOBILE, international, GB, '+61 412 345 678', '+61412345678'",
            "AU, MOBILE, 00, GB, '00 61 412 345 678', '+61412345678'",
            "AU, MOBILE, junk, GB, '0412 345 ', '0412 345'",
            "AU, MOBILE, national, FR, '0412 345 678', '+33412345678'",
            "AU, MOBILE, international, FR, '+61 412 345 678', '+61412345678'",
            "AU, MOBILE, 00, FR, '00 61 412 345 678', '+61412345678'",
            "AU, MOBILE, junk, FR, '0412 345 ', '0412 345'"
    })
    void exampleNumbersOfFiveCountries(String country, String type, String form, String defaultRegion, String input,
                                       String expected) {
        assertThat(PhoneNumbers.canonical(input, defaultRegion)).isEqualTo(expected);
        assertThat(PhoneNumbers.toE164(input, defaultRegion).isPresent()).isEqualTo(expected.startsWith("+"));
    }

    /** The numbers of the issue, and international prefixes a region does not dial itself (same derivation). */
    @ParameterizedTest(name = "{0} under {1} -> {2}")
    @CsvSource({
            "'030 4488791', US, '030 4488791'",
            "'0414 406 995', US, '0414 406 995'",
            "'01 55 36 40 22', US, '01 55 36 40 22'",
            "'030 4488791', DE, '+49304488791'",
            "'0414 406 995', AU, '+61414406995'",
            "'01 55 36 40 22', FR, '+33155364022'",
            "'011 49 30 123456', US, '+4930123456'",
            "'011 49 30 123456', GB, '+4930123456'",
            "'011 44 121 234 5678', US, '+441212345678'",
            "'0011 61 412 345 678', AU, '+61412345678'",
            "'+10304488791', US, '+10304488791'",
            "'+10414406995', GB, '+10414406995'",
            "'call the office', US, 'call the office'",
            "'+1 201-555-0123', , '+12015550123'",
            "'0121 234 5678', , '0121 234 5678'",
            "'  +44 121 234 5678  ', FR, '+441212345678'"
    })
    void issueNumbersAndForeignPrefixes(String input, String defaultRegion, String expected) {
        assertThat(PhoneNumbers.canonical(input, defaultRegion)).isEqualTo(expected);
    }

    @Test
    void theTableUsesLibphonenumbersExampleNumbers() throws Exception {
        CsvSource table = PhoneNumbersTest.class.getDeclaredMethod("exampleNumbersOfFiveCountries", String.class,
                String.class, String.class, String.class, String.class, String.class).getAnnotation(CsvSource.class);
        List<String> rows = Arrays.asList(table.value());
        assertThat(rows).hasSizeGreaterThanOrEqualTo(40);
        for (String country : List.of("US", "GB", "FR", "DE", "AU")) {
            for (PhoneNumberType type : List.of(PhoneNumberType.FIXED_LINE, PhoneNumberType.MOBILE)) {
                String international = UTIL.format(UTIL.getExampleNumberForType(country, type),
                        PhoneNumberFormat.INTERNATIONAL);
                assertThat(rows).as("%s %s", country, type)
                        .anyMatch(row -> row.startsWith(country + ", ") && row.contains("'" + international + "'"));
            }
        }
    }

    /**
     * Compacting (dropping spaces, dots, dashes and parentheses before libphonenumber parses) changes no result:
     * every example number of every region libphonenumber knows, of every type, in national, international and E.164
     * format and with its spaces written as dots, dashes or no-break spaces, under its own region, US and none, gives
     * what parsing the text as written gives.
     */
    @Test
    void compactingTheTextChangesNoResult() {
        int compared = 0;
        List<String> differences = new ArrayList<>();
        for (String region : UTIL.getSupportedRegions()) {
            for (PhoneNumberType type : PhoneNumberType.values()) {
                Phonenumber.PhoneNumber example = UTIL.getExampleNumberForType(region, type);
                if (example == null) {
                    continue;
                }
                for (PhoneNumberFormat format : List.of(PhoneNumberFormat.NATIONAL,
                        PhoneNumberFormat.INTERNATIONAL, PhoneNumberFormat.E164)) {
                    String written = UTIL.format(example, format);
                    for (String input : List.of(written, written.replace(' ', '.'), written.replace(' ', '-'),
                            written.replace(' ', '\u00A0'), "00" + written.substring(written.startsWith("+") ? 1 : 0))) {
                        for (String defaultRegion : new String[] {region, "US", null}) {
                            compared++;
                            String expected = asWritten(input, defaultRegion);
                            String actual = PhoneNumbers.canonical(input, defaultRegion);
                            if (!expected.equals(actual)) {
                                differences.add(input + " under " + defaultRegion + ": " + actual + " <> " + expected);
                            }
                        }
                    }
                }
            }
        }
        assertThat(compared).isGreaterThan(20_000);
        assertThat(differences).isEmpty();
    }

    /** The rule applied to the text as written (no compacting): the oracle of {@link #compactingTheTextChangesNoResult}. */
    private static String asWritten(String raw, String defaultRegion) {
        String text = raw.trim();
        String region = defaultRegion == null ? "ZZ" : defaultRegion;
        for (String[] attempt : new String[][] {{text, region},
                {text.matches("^(?:00|011)[\\s\\d].*") ? "+" + text.replaceFirst("^(?:00|011)", "") : null, "ZZ"}}) {
            if (attempt[0] == null) {
                continue;
            }
            try {
                Phonenumber.PhoneNumber number = UTIL.parse(attempt[0], attempt[1]);
                if (UTIL.isValidNumber(number)) {
                    return UTIL.format(number, PhoneNumberFormat.E164);
                }
            } catch (NumberParseException unreadable) {
                // the next attempt, or the raw text
            }
        }
        return text;
    }

    @Test
    void onlyValidE164ValuesCountAsValid() {
        assertThat(PhoneNumbers.isValidE164("+441212345678")).isTrue();
        assertThat(PhoneNumbers.isValidE164("+10304488791")).as("possible but not valid").isFalse();
        assertThat(PhoneNumbers.isValidE164("0121 234 5678")).isFalse();
        assertThat(PhoneNumbers.isValidE164("+44 121 234 5678")).as("not in E.164 form").isFalse();
    }

    @Test
    void displayFormatsValidNumbersOnly() {
        assertThat(PhoneNumbers.display("+441212345678", "GB")).isEqualTo("0121 234 5678");
        assertThat(PhoneNumbers.display("+441212345678", "US")).isEqualTo("+44 121 234 5678");
        assertThat(PhoneNumbers.display("+10304488791", "US")).isEqualTo("+10304488791");
    }
}
