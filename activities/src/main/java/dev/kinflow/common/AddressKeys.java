package dev.kinflow.common;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The normalised key of a postal address: line 1 and postal code with case, accents, punctuation, whitespace and
 * common street abbreviations folded, so "12 Main St." and "12  main street" compare equal.
 */
public final class AddressKeys {

    private static final Pattern NON_ALNUM = Pattern.compile("[^a-z0-9]+");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Map<String, String> WORDS = Map.ofEntries(
            Map.entry("st", "street"), Map.entry("str", "street"), Map.entry("rd", "road"),
            Map.entry("ave", "avenue"), Map.entry("av", "avenue"), Map.entry("blvd", "boulevard"),
            Map.entry("dr", "drive"), Map.entry("ln", "lane"), Map.entry("ct", "court"),
            Map.entry("pl", "place"), Map.entry("sq", "square"), Map.entry("hwy", "highway"),
            Map.entry("apt", "apartment"), Map.entry("ste", "suite"), Map.entry("fl", "floor"),
            Map.entry("n", "north"), Map.entry("s", "south"), Map.entry("e", "east"), Map.entry("w", "west"),
            Map.entry("bd", "boulevard"), Map.entry("pkwy", "parkway"), Map.entry("cres", "crescent"));

    private AddressKeys() {
    }

    /** The key, or null when line 1 is empty (an address without a street line cannot identify anyone). */
    public static String key(String line1, String postalCode) {
        String street = fold(line1);
        if (street.isEmpty()) {
            return null;
        }
        String postal = postalCode == null ? "" : NON_ALNUM.matcher(postalCode.toLowerCase(Locale.ROOT)).replaceAll("");
        return street + "|" + postal;
    }

    static String fold(String text) {
        if (text == null) {
            return "";
        }
        String plain = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
        String[] words = NON_ALNUM.matcher(plain.toLowerCase(Locale.ROOT)).replaceAll(" ").trim().split(" ");
        StringBuilder out = new StringBuilder();
        for (String word : words) {
            if (word.isEmpty()) {
                continue;
            }
            if (!out.isEmpty()) {
                out.append(' ');
            }
            out.append(WORDS.getOrDefault(word, word));
        }
        return out.toString();
    }
}
