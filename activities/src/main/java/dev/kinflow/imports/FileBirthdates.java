package dev.kinflow.imports;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Birthdates as spreadsheets write them: ISO {@code 1985-03-14} (also {@code 19850314}), Google's year-less
 * {@code --03-14} (imported as no birthdate, like Monica's year-unknown dates), Outlook's {@code 3/14/1985} (month
 * first; day first when the first number is over 12) and its {@code 0/0/00} for "none", and {@code 14.03.1985}.
 * Anything else is unparseable: the record is skipped and reported.
 */
final class FileBirthdates {

    private static final Pattern ISO = Pattern.compile("(\\d{4})-?(\\d{2})-?(\\d{2})(T.*)?");
    private static final Pattern SLASHED = Pattern.compile("(\\d{1,2})/(\\d{1,2})/(\\d{2}|\\d{4})");
    private static final Pattern DOTTED = Pattern.compile("(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4})");
    private static final Pattern NO_YEAR = Pattern.compile("--\\d{2}-?\\d{2}");

    /** A value no date was parsed from. */
    static final class Unparseable extends Exception {
        Unparseable() {
            super("unparseable date", null, false, false);
        }
    }

    private FileBirthdates() {
    }

    /** The date, or null when the cell says there is none (blank, year-less, Outlook's 0/0/00). */
    static LocalDate parse(String cell) throws Unparseable {
        String value = FileRecordDraft.clean(cell);
        if (value == null || value.equals("0/0/00") || value.equals("0/0/0000") || NO_YEAR.matcher(value).matches()) {
            return null;
        }
        try {
            Matcher m = ISO.matcher(value);
            if (m.matches()) {
                return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3)));
            }
            m = SLASHED.matcher(value);
            if (m.matches()) {
                int first = Integer.parseInt(m.group(1));
                int second = Integer.parseInt(m.group(2));
                int year = Integer.parseInt(m.group(3));
                year = m.group(3).length() == 2 ? (year > LocalDate.now().getYear() % 100 ? 1900 : 2000) + year : year;
                return first > 12 ? LocalDate.of(year, second, first) : LocalDate.of(year, first, second);
            }
            m = DOTTED.matcher(value);
            if (m.matches()) {
                return LocalDate.of(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(1)));
            }
        } catch (DateTimeException invalid) {
            throw new Unparseable();
        }
        throw new Unparseable();
    }
}
