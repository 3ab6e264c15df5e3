package dev.kinflow.duplicates;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Decides whether two person names can name the same person: first and last name each agree (equal, a known nickname,
 * one a prefix of the other, or a typo away), in the given order or swapped. "John Smith" and "Mary Smith" do not
 * agree (family members); "Bob Smith", "Robert Smyth" and "Smith, Robert" do.
 */
final class PersonNames {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NON_ALNUM = Pattern.compile("[^\\p{L}\\p{N}]+");

    /** Common given-name variants, each group one person's name (English and French). */
    private static final List<String> NICKNAME_GROUPS = List.of(
            "robert bob bobby rob robbie bert", "william bill billy will willy liam", "elizabeth liz lizzie beth betty"
                    + " eliza elise lisa", "james jim jimmy jamie", "michael mike mikey mick", "david dave davy",
            "thomas tom tommy", "anthony tony antoine", "katherine catherine kate katie kathy cathy kat",
            "christopher chris kit", "christine chris tina kristin", "daniel dan danny", "joseph joe joey jo",
            "stephen steven steve stevie etienne", "samuel sam sammy", "samantha sam sammy",
            "alexander alex alec sasha sandy", "alexandra alex sandra sandy", "benjamin ben benny",
            "nicholas nick nicky nicolas nico", "matthew matt matty", "andrew andy drew", "edward ed eddie ted ned",
            "richard rick ricky dick rich", "margaret peggy maggie meg margie marguerite", "jennifer jen jenny",
            "susan sue susie suzanne", "patrick pat paddy", "patricia pat patty trish", "gregory greg",
            "jeffrey jeff geoffrey", "lawrence larry laurence laurent", "john jack johnny jon jean",
            "timothy tim timmy", "charles charlie chuck", "henry harry hank henri", "frederick fred freddie",
            "albert al bert", "alan al allen allan", "ronald ron ronnie", "donald don donnie", "kenneth ken kenny",
            "rebecca becky becca", "abigail abby", "deborah debbie deb", "victoria vicky tori", "joshua josh",
            "jacob jake", "zachary zach zack", "peter pete pierre", "philip phil philippe", "raymond ray",
            "walter walt", "francis frank frankie francois", "franklin frank", "gabriel gabe",
            "jose pepe", "francisco paco", "beatrice bea", "sandra sandy", "cynthia cindy", "amanda mandy",
            "jessica jess jessie", "louis lou", "maximilian max", "dominic dom", "leonard leo len",
            "theodore theo ted", "isabelle isabel bella izzy", "eleanor ellie nora", "emily emmy", "olivia liv",
            "jonathan jon jonny", "nathaniel nate nathan nat", "natalie nat", "frances fran francoise",
            "guillaume will", "jacques jim james", "michel mike michael", "marie mary", "jeanne jean jane");

    private static final Map<String, List<Integer>> GROUPS_OF = new HashMap<>();

    static {
        for (int g = 0; g < NICKNAME_GROUPS.size(); g++) {
            for (String name : NICKNAME_GROUPS.get(g).split(" ")) {
                GROUPS_OF.computeIfAbsent(name, k -> new java.util.ArrayList<>()).add(g);
            }
        }
    }

    private PersonNames() {
    }

    /** Lower-cased, accents removed, punctuation as spaces, trimmed. */
    static String normalize(String text) {
        if (text == null) {
            return "";
        }
        String plain = MARKS.matcher(Normalizer.normalize(text.toLowerCase(Locale.ROOT), Normalizer.Form.NFD))
                .replaceAll("");
        return NON_ALNUM.matcher(plain).replaceAll(" ").trim();
    }

    /** True when the two (first, last) names can name the same person, in either order. */
    static boolean agree(String first1, String last1, String first2, String last2) {
        String f1 = normalize(first1);
        String l1 = normalize(last1);
        String f2 = normalize(first2);
        String l2 = normalize(last2);
        if (f1.isEmpty() || f2.isEmpty()) {
            return false;
        }
        if (l1.isEmpty() || l2.isEmpty()) {
            return sameTokens(f1 + " " + l1, f2 + " " + l2);
        }
        return (firstNamesAgree(f1, f2) && wordsAgree(l1, l2)) || (firstNamesAgree(f1, l2) && wordsAgree(l1, f2))
                || sameTokens(f1 + " " + l1, f2 + " " + l2);
    }

    /** Same words, ignoring order ("Smith John" and "John Smith"). */
    static boolean sameTokens(String a, String b) {
        String[] x = normalize(a).split(" ");
        String[] y = normalize(b).split(" ");
        Arrays.sort(x);
        Arrays.sort(y);
        return Arrays.equals(x, y);
    }

    /**
     * Given names agree when equal, a known nickname of each other, one an abbreviation of the other ("Chris",
     * "Christopher") or a typo away — but never when they are two forms of a name that family members carry: a
     * gendered ending ("Daniel"/"Danielle", "Louis"/"Louise", "Maria"/"Mario") or two short names one letter apart
     * ("Mary"/"Mark").
     */
    static boolean firstNamesAgree(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        String fa = a.split(" ")[0];
        String fb = b.split(" ")[0];
        if (relatedForms(fa, fb)) {
            return false;
        }
        if (Math.min(fa.length(), fb.length()) >= 5 && wordsAgree(a, b)) {
            return true;
        }
        if (fa.length() >= 3 && fb.length() >= 3 && (fa.startsWith(fb) || fb.startsWith(fa))) {
            return true;
        }
        List<Integer> ga = GROUPS_OF.get(fa);
        List<Integer> gb = GROUPS_OF.get(fb);
        return ga != null && gb != null && ga.stream().anyMatch(gb::contains);
    }

    private static final List<String> GENDERED_ENDINGS = List.of("a", "e", "ne", "le", "na", "ina", "ine", "ette",
            "elle", "o", "ia");

    /** Two forms of one name that different people carry: one is the other plus a gendered ending, or only the last
     * letter differs. */
    static boolean relatedForms(String a, String b) {
        String shorter = a.length() <= b.length() ? a : b;
        String longer = shorter == a ? b : a;
        if (longer.startsWith(shorter) && GENDERED_ENDINGS.contains(longer.substring(shorter.length()))) {
            return true;
        }
        return a.length() == b.length() && a.length() >= 3
                && a.substring(0, a.length() - 1).equals(b.substring(0, b.length() - 1));
    }

    /** Equal, or within a typo: one edit (adjacent swaps count as one) for 4+ letters, two for 8+. */
    static boolean wordsAgree(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        int shorter = Math.min(a.length(), b.length());
        int allowed = shorter >= 8 ? 2 : shorter >= 4 ? 1 : 0;
        return allowed > 0 && Math.abs(a.length() - b.length()) <= allowed && editDistance(a, b) <= allowed;
    }

    /** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
    static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
