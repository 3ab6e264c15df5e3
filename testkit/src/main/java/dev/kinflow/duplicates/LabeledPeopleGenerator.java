package dev.kinflow.duplicates;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Seeded, deterministic generator of realistic contact records with labels. People get Zipf-distributed first and
 * last names (so common names repeat across different people), an email, a phone in one of several formats and a
 * street address, each not always. A share of people get a second record (a duplicate) whose name may be re-cased,
 * stripped of accents, misspelt, replaced by a nickname or swapped, and whose email, phone and address may be kept
 * (re-cased, re-formatted, abbreviated), dropped or replaced. Hard negatives are generated on purpose: different
 * people with the same common name, and families (same last name, different first names) sharing an address.
 */
public final class LabeledPeopleGenerator {

    private static final String[] FIRST = {
            "James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "William", "Elizabeth",
            "David", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Charles", "Karen",
            "Christopher", "Nancy", "Daniel", "Lisa", "Matthew", "Margaret", "Anthony", "Betty", "Mark", "Sandra",
            "Donald", "Ashley", "Steven", "Kimberly", "Paul", "Emily", "Andrew", "Donna", "Joshua", "Michelle",
            "Kenneth", "Dorothy", "Kevin", "Carol", "Brian", "Amanda", "George", "Melissa", "Edward", "Deborah",
            "Ronald", "Stephanie", "Timothy", "Rebecca", "Jason", "Sharon", "Jeffrey", "Laura", "Ryan", "Cynthia",
            "Jacob", "Kathleen", "Gary", "Amy", "Nicholas", "Shirley", "Eric", "Angela", "Jonathan", "Helen",
            "Stephen", "Anna", "Larry", "Brenda", "Justin", "Pamela", "Scott", "Nicole", "Brandon", "Emma",
            "Benjamin", "Samantha", "Samuel", "Katherine", "Gregory", "Christine", "Frank", "Debra", "Alexander",
            "Rachel", "Raymond", "Catherine", "Patrick", "Carolyn", "Jack", "Janet", "Dennis", "Ruth", "Jerry",
            "Maria", "Léa", "Zoé", "Hélène", "José", "François", "Élodie", "Jérôme", "Chloé", "Noémie", "Inès",
            "Mathéo", "Raphaël", "Gaëlle", "Anaïs", "Björn", "Jürgen", "Søren", "Łukasz", "Renée", "André",
            "Camille", "Louis", "Hugo", "Manon", "Lucas", "Juliette", "Nathan", "Clément", "Margaux", "Théo",
            "Aurélien", "Sébastien", "Valérie", "Stéphane", "Céline", "Amélie", "Benoît", "Cécile", "Émile",
            "Agnès", "Priya", "Wei", "Hiroshi", "Fatima", "Mohammed", "Olga", "Dmitri", "Ingrid", "Siobhan",
            "Aoife", "Kwame", "Ngozi", "Mateo", "Lucía", "Sofía", "Diego", "Valentina", "Giulia", "Alessandro"};

    private static final String[] LAST = {
            "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
            "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin",
            "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson",
            "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores", "Green",
            "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell", "Carter", "Roberts", "Bernard",
            "Dubois", "Durand", "Lefèvre", "Moreau", "Laurent", "Simon", "Michel", "Leroy", "Roux", "David",
            "Bertrand", "Morel", "Fournier", "Girard", "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau",
            "Vincent", "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz",
            "Hoffmann", "Koch", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann",
            "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Schmitt", "Werner", "Krause", "Meier", "Lehmann",
            "Kowalski", "Nowak", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski", "Zieliński",
            "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco",
            "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa", "Giordano", "Rizzo", "Lombardi", "Moretti",
            "Andersen", "Nielsen", "Hansen", "Pedersen", "Jensen", "Larsen", "Sørensen", "Rasmussen", "Jørgensen",
            "O'Brien", "O'Connor", "McCarthy", "Murphy", "Kelly", "Byrne", "Ryan", "Walsh", "O'Sullivan", "Doyle",
            "Tanaka", "Suzuki", "Takahashi", "Watanabe", "Yamamoto", "Nakamura", "Kobayashi", "Kato", "Yoshida",
            "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Patel", "Sharma",
            "Singh", "Kumar", "Gupta", "Okafor", "Mensah", "Ivanov", "Petrov", "Sokolov", "Popescu", "Horvath",
            "Novak", "Svensson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson",
            "Van der Berg", "De Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "De Boer", "Mulder"};

    private static final Map<String, String[]> NICKNAMES = Map.ofEntries(
            Map.entry("James", new String[] {"Jim", "Jimmy", "Jamie"}), Map.entry("Robert", new String[] {"Bob", "Rob", "Bobby"}),
            Map.entry("William", new String[] {"Bill", "Will", "Billy"}), Map.entry("Elizabeth", new String[] {"Liz", "Beth", "Betty"}),
            Map.entry("Michael", new String[] {"Mike", "Mick"}), Map.entry("Richard", new String[] {"Rick", "Dick", "Rich"}),
            Map.entry("Joseph", new String[] {"Joe", "Joey"}), Map.entry("Thomas", new String[] {"Tom", "Tommy"}),
            Map.entry("Christopher", new String[] {"Chris"}), Map.entry("Daniel", new String[] {"Dan", "Danny"}),
            Map.entry("Matthew", new String[] {"Matt"}), Map.entry("Margaret", new String[] {"Peggy", "Maggie", "Meg"}),
            Map.entry("Anthony", new String[] {"Tony"}), Map.entry("Kenneth", new String[] {"Ken", "Kenny"}),
            Map.entry("Edward", new String[] {"Ed", "Eddie", "Ted"}), Map.entry("Ronald", new String[] {"Ron"}),
            Map.entry("Timothy", new String[] {"Tim"}), Map.entry("Jeffrey", new String[] {"Jeff"}),
            Map.entry("Nicholas", new String[] {"Nick"}), Map.entry("Stephen", new String[] {"Steve"}),
            Map.entry("Steven", new String[] {"Steve"}), Map.entry("Gregory", new String[] {"Greg"}),
            Map.entry("Samuel", new String[] {"Sam"}), Map.entry("Samantha", new String[] {"Sam"}),
            Map.entry("Alexander", new String[] {"Alex"}), Map.entry("Benjamin", new String[] {"Ben"}),
            Map.entry("Katherine", new String[] {"Kate", "Kathy"}), Map.entry("Catherine", new String[] {"Cathy", "Kate"}),
            Map.entry("Patricia", new String[] {"Pat", "Patty"}), Map.entry("Jennifer", new String[] {"Jen", "Jenny"}),
            Map.entry("Rebecca", new String[] {"Becky"}), Map.entry("Deborah", new String[] {"Debbie"}),
            Map.entry("Pamela", new String[] {"Pam"}), Map.entry("Susan", new String[] {"Sue"}),
            Map.entry("Jonathan", new String[] {"Jon"}), Map.entry("Larry", new String[] {"Lawrence"}),
            Map.entry("Frank", new String[] {"Francis"}), Map.entry("Jack", new String[] {"John"}));

    private static final String[] STREETS = {"Main", "Oak", "Pine", "Maple", "Cedar", "Elm", "Washington", "Lake",
            "Hill", "Park", "Victor Hugo", "de la République", "des Lilas", "Pasteur", "Jean Jaurès", "du Moulin",
            "Church", "High", "Station", "Mill", "King", "Queen", "Bridge", "Garden", "Forest", "River", "Sunset"};
    private static final String[][] STREET_TYPES = {{"Street", "St", "St."}, {"Avenue", "Ave", "Av."},
            {"Road", "Rd", "Rd."}, {"Boulevard", "Blvd", "Bd"}, {"Lane", "Ln"}, {"Drive", "Dr"}, {"Court", "Ct"}};
    private static final String[] CITIES = {"Paris", "Lyon", "Marseille", "Toulouse", "Nantes", "Lille", "Bordeaux"};
    private static final String[] DOMAINS = {"gmail.com", "yahoo.fr", "orange.fr", "outlook.com", "free.fr",
            "hotmail.com", "proton.me", "laposte.net"};

    private final Random random;
    private long serial;

    public LabeledPeopleGenerator(long seed) {
        this.random = new Random(seed);
    }

    /**
     * About {@code records} contact records in which {@code duplicateShare} of the records are second records of an
     * already generated person. Deterministic for a seed.
     */
    public List<LabeledContact> generate(int records, double duplicateShare) {
        int duplicates = (int) Math.round(records * duplicateShare);
        int families = records / 50;
        List<LabeledContact> out = new ArrayList<>(records);
        List<LabeledContact> originals = new ArrayList<>();
        int person = 0;
        while (out.size() < records - duplicates) {
            if (families > 0 && random.nextInt(25) == 0) {
                families--;
                for (LabeledContact member : family(person)) {
                    out.add(member);
                    originals.add(member);
                    person++;
                }
                continue;
            }
            LabeledContact p = person(person++);
            out.add(p);
            originals.add(p);
        }
        for (int i = 0; i < duplicates; i++) {
            out.add(duplicateOf(originals.get(random.nextInt(originals.size()))));
        }
        java.util.Collections.shuffle(out, random);
        return out;
    }

    private LabeledContact person(int id) {
        String first = zipf(FIRST);
        String last = zipf(LAST);
        return new LabeledContact(id, first, last, random.nextInt(10) < 3 ? birthdate() : null,
                chance(0.8) ? List.of(email(first, last)) : List.of(),
                chance(0.7) ? List.of(phone()) : List.of(),
                chance(0.6) ? List.of(address()) : List.of());
    }

    /** Two to four people with one last name and address, different first names, their own email and phone. */
    private List<LabeledContact> family(int firstId) {
        String last = zipf(LAST);
        LabeledContact.Address home = address();
        String landline = chance(0.3) ? phone() : null;
        List<LabeledContact> members = new ArrayList<>();
        List<String> used = new ArrayList<>();
        int size = 2 + random.nextInt(3);
        for (int i = 0; i < size; i++) {
            String first;
            do {
                first = FIRST[random.nextInt(FIRST.length)];
            } while (used.contains(first));
            used.add(first);
            List<String> phones = new ArrayList<>();
            if (chance(0.7)) {
                phones.add(phone());
            }
            if (landline != null && i == 0) {
                phones.add(landline);
            }
            members.add(new LabeledContact(firstId + i, first, last, chance(0.3) ? birthdate() : null,
                    chance(0.8) ? List.of(email(first, last)) : List.of(), phones, List.of(home)));
        }
        return members;
    }

    private LabeledContact duplicateOf(LabeledContact p) {
        String first = p.firstName();
        String last = p.lastName();
        double r = random.nextDouble();
        if (r < 0.30) {
            // unchanged
        } else if (r < 0.42) {
            first = first.toLowerCase(Locale.ROOT);
            last = chance(0.5) ? last.toUpperCase(Locale.ROOT) : stripAccents(last);
            first = stripAccents(first);
        } else if (r < 0.60) {
            if (chance(0.5)) {
                first = typo(first);
            } else {
                last = typo(last);
            }
        } else if (r < 0.74 && NICKNAMES.containsKey(first)) {
            String[] options = NICKNAMES.get(first);
            first = options[random.nextInt(options.length)];
        } else if (r < 0.84) {
            String swap = first;
            first = last;
            last = swap;
        } else if (r < 0.90) {
            first = first + " " + last;
            last = null;
        }
        boolean sharesNothing = chance(0.05);
        List<String> emails = new ArrayList<>();
        List<String> phones = new ArrayList<>();
        List<LabeledContact.Address> addresses = new ArrayList<>();
        if (!sharesNothing) {
            for (String e : p.emails()) {
                if (chance(0.7)) {
                    emails.add(chance(0.5) ? "  " + e.toUpperCase(Locale.ROOT) + " " : e);
                }
            }
            for (String ph : p.phones()) {
                if (chance(0.65)) {
                    phones.add(reformat(ph));
                }
            }
            for (LabeledContact.Address a : p.addresses()) {
                if (chance(0.55)) {
                    addresses.add(variant(a));
                }
            }
            if (emails.isEmpty() && phones.isEmpty() && addresses.isEmpty()) {
                // a duplicate usually comes from a source that knew at least one of the person's identifiers
                List<Runnable> keepOne = new ArrayList<>();
                p.emails().forEach(e -> keepOne.add(() -> emails.add(e)));
                p.phones().forEach(ph -> keepOne.add(() -> phones.add(reformat(ph))));
                p.addresses().forEach(a -> keepOne.add(() -> addresses.add(variant(a))));
                if (!keepOne.isEmpty()) {
                    keepOne.get(random.nextInt(keepOne.size())).run();
                }
            }
        }
        if (chance(0.15)) {
            emails.add(email(first, last == null ? "" : last));
        }
        return new LabeledContact(p.personId(), first, last, chance(0.5) ? p.birthdate() : null, emails, phones,
                addresses);
    }

    private LabeledContact.Address variant(LabeledContact.Address a) {
        return new LabeledContact.Address(reabbreviate(a.line1()), chance(0.5) ? a.city() : null,
                chance(0.5) ? a.postalCode() : a.postalCode().substring(0, 2) + " " + a.postalCode().substring(2));
    }

    /** A Zipf-like pick, P(rank k) ~ 1/(k + 5): the most common name is about 5% of people. */
    private String zipf(String[] pool) {
        double x = 5 * Math.pow((pool.length + 5) / 5.0, random.nextDouble());
        int k = (int) Math.floor(x) - 5;
        return pool[Math.max(0, Math.min(pool.length - 1, k))];
    }

    private String email(String first, String last) {
        String a = ascii(first);
        String b = ascii(last);
        String local = switch (random.nextInt(5)) {
            case 0 -> a + "." + b;
            case 1 -> a.charAt(0) + b;
            case 2 -> a + b + (random.nextInt(90) + 10);
            case 3 -> a + "_" + b + random.nextInt(1000);
            default -> b + "." + a + random.nextInt(100);
        };
        return (local.isEmpty() ? "x" : local) + "." + Long.toString(serial++, 36) + "@"
                + DOMAINS[random.nextInt(DOMAINS.length)];
    }

    /**
     * A French mobile number no other generated person has (a bijection of a serial number) and that libphonenumber
     * calls valid: only the {@code 06xx}/{@code 07xx} prefixes of France's numbering plan that are in use (a fifth of
     * the earlier numbers were in unallocated ranges, which the phone rule now rightly keeps as raw text).
     */
    private String phone() {
        long n = (serial++ * 48_271L + 12_345L) % (MOBILE_PREFIXES.length * 1_000_000L);
        int prefix = MOBILE_PREFIXES[(int) (n / 1_000_000)];
        long rest = n % 1_000_000;
        return String.format(Locale.ROOT, "+33 %d %02d %02d %02d %02d", prefix / 100, prefix % 100, rest / 10_000,
                rest / 100 % 100, rest % 100);
    }

    /** Three-digit French mobile prefixes (600–799) whose whole range libphonenumber calls valid. */
    private static final int[] MOBILE_PREFIXES = IntStream.range(600, 800)
            .filter(p -> validInFrance("+33" + p + "000000") && validInFrance("+33" + p + "999999")).toArray();

    private static boolean validInFrance(String number) {
        try {
            PhoneNumberUtil util = PhoneNumberUtil.getInstance();
            return util.isValidNumber(util.parse(number, "FR"));
        } catch (NumberParseException e) {
            return false;
        }
    }

    /** The same number in another common format. */
    private String reformat(String phone) {
        String digits = phone.replaceAll("[^0-9]", "").substring(2);
        return switch (random.nextInt(4)) {
            case 0 -> "0" + digits;
            case 1 -> "0" + digits.charAt(0) + "." + digits.substring(1, 3) + "." + digits.substring(3, 5) + "."
                    + digits.substring(5, 7) + "." + digits.substring(7);
            case 2 -> "+33" + digits;
            default -> "(0)" + digits.charAt(0) + " " + digits.substring(1, 5) + " " + digits.substring(5);
        };
    }

    private LabeledContact.Address address() {
        String[] type = STREET_TYPES[random.nextInt(STREET_TYPES.length)];
        return new LabeledContact.Address((1 + random.nextInt(250)) + " " + STREETS[random.nextInt(STREETS.length)]
                + " " + type[0], CITIES[random.nextInt(CITIES.length)],
                String.format(Locale.ROOT, "%05d", 1000 + random.nextInt(94000)));
    }

    private String reabbreviate(String line1) {
        String out = line1;
        for (String[] type : STREET_TYPES) {
            if (out.endsWith(" " + type[0])) {
                out = out.substring(0, out.length() - type[0].length()) + type[random.nextInt(type.length)];
            }
        }
        if (chance(0.3)) {
            out = out.replace(" ", "  ");
        }
        return chance(0.3) ? out.toLowerCase(Locale.ROOT) : out;
    }

    private String typo(String word) {
        if (word.length() < 4) {
            return word;
        }
        int i = 1 + random.nextInt(word.length() - 2);
        char[] c = word.toCharArray();
        return switch (random.nextInt(4)) {
            case 0 -> word.substring(0, i) + word.substring(i + 1);
            case 1 -> {
                char t = c[i];
                c[i] = c[i + 1];
                c[i + 1] = t;
                yield new String(c);
            }
            case 2 -> word.substring(0, i) + (char) ('a' + random.nextInt(26)) + word.substring(i + 1);
            default -> word.substring(0, i) + c[i] + word.substring(i);
        };
    }

    private LocalDate birthdate() {
        return LocalDate.of(1940 + random.nextInt(65), 1 + random.nextInt(12), 1 + random.nextInt(28));
    }

    private boolean chance(double p) {
        return random.nextDouble() < p;
    }

    private static String stripAccents(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
    }

    private static String ascii(String s) {
        return stripAccents(s).toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
    }
}
