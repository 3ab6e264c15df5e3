package dev.kinflow.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhoneDisplayTest {

    /** Each number in each format, from its own country's rules (no account region is involved). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            US | +16502530000  | (650) 253-0000 | +1 650-253-0000
            GB | +442079460958 | 020 7946 0958  | +44 20 7946 0958
            FR | +33123456789  | 01 23 45 67 89 | +33 1 23 45 67 89
            DE | +4930123456   | 030 123456     | +49 30 123456
            JP | +81312345678  | 03-1234-5678   | +81 3-1234-5678
            SA | +966501234567 | 050 123 4567   | +966 50 123 4567
            """)
    void rendersEachNumberInItsOwnCountrysFormats(String country, String e164, String national,
                                                  String international) {
        String raw = "as typed " + country;
        assertThat(PhoneDisplay.render(e164, raw, PhoneFormat.E164)).isEqualTo(e164);
        assertThat(PhoneDisplay.render(e164, raw, PhoneFormat.NATIONAL)).isEqualTo(national);
        assertThat(PhoneDisplay.render(e164, raw, PhoneFormat.INTERNATIONAL)).isEqualTo(international);
        assertThat(PhoneDisplay.render(e164, raw, PhoneFormat.RAW)).isEqualTo(raw);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            e164
            national
            international
            raw
            """)
    void aValueKeptAsEnteredIsShownAsEnteredInEveryFormat(String format) {
        assertThat(PhoneDisplay.render("ext. 12 (reception)", " ext. 12 (reception) ", PhoneFormat.of(format)))
                .isEqualTo("ext. 12 (reception)");
        assertThat(PhoneDisplay.render("N/A", null, PhoneFormat.of(format))).isEqualTo("N/A");
    }

    @ParameterizedTest
    @CsvSource({"e164,E164", "NATIONAL,NATIONAL", " raw ,RAW"})
    void formatsAreNamedInLowerCase(String code, PhoneFormat format) {
        assertThat(PhoneFormat.of(code)).isEqualTo(format);
        assertThat(format.code()).isEqualTo(format.name().toLowerCase());
        assertThatThrownBy(() -> PhoneFormat.of("pretty")).isInstanceOf(IllegalArgumentException.class);
    }
}
