package dev.kinflow.testkit.monica;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Deterministic Monica data for the fake server: the same seed and sizes always give the same contacts, ids, fields,
 * duplicates and faults-relevant shapes. Ids are allocated in creation order with gaps (contacts deleted long ago),
 * and listed contacts are interleaved with archived, partial and other-address-book contacts, as in a real account.
 */
public final class MonicaDataset {

    public static final int ACCOUNT_ID = 1;
    static final String[] FIRST = {"Ada", "Alan", "Grace", "Linus", "Margaret", "Dennis", "Barbara", "Ken", "Frances",
            "John", "Radia", "Tim", "Hedy", "Edsger", "Sophie", "Niklaus", "Karen", "Donald", "Shafi", "Leslie",
            "Anita", "Guido", "Marie", "Yukihiro", "Joan", "Bjarne", "Lynn", "James", "Carol", "Werner"};
    static final String[] LAST = {"Lovelace", "Turing", "Hopper", "Torvalds", "Hamilton", "Ritchie", "Liskov",
            "Thompson", "Allen", "McCarthy", "Perlman", "Berners-Lee", "Lamarr", "Dijkstra", "Wilson", "Wirth",
            "Jones", "Knuth", "Goldwasser", "Lamport", "Borg", "van Rossum", "Curie", "Matsumoto", "Clarke",
            "Stroustrup", "Conway", "Gosling", "Shaw", "Vogels"};
    static final String[] CITIES = {"Paris", "Lyon", "London", "Berlin", "San Francisco", "Montreal", "Madrid"};
    static final String[] COUNTRIES = {"FR", "FR", "GB", "DE", "US", "CA", "ES"};
    static final String[] COUNTRY_NAMES = {"France", "France", "United Kingdom", "Germany", "United States", "Canada",
            "Spain"};
    static final String[] TAGS = {"family", "work", "friends", "school", "neighbours"};
    static final String[] LABELS = {"home", "work", "cell", "personal", "other"};
    static final String[] RELATION_GROUPS = {"love", "family", "friend", "work"};
    static final String[] RELATION_NAMES = {"partner", "sibling", "friend", "colleague"};

    /** A tiny valid PNG (1x1), varied per photo by a trailing comment so content hashes differ. */
    static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    /** One contact field (email, phone or another type). */
    public record Field(long id, String uuid, String type, String typeName, String content, String labelType) {
    }

    public record Address(long id, String uuid, String name, String street, String city, String province,
                          String postalCode, int countryIndex, Double latitude, Double longitude) {
    }

    /** A note, activity, reminder or task: the attributes each kind needs live in {@code attributes}. */
    public record Item(long id, String uuid, Map<String, Object> attributes) {
    }

    public record Photo(long id, String uuid, long contactId, String dataUrl, int size) {
    }

    public record Relation(long id, String uuid, int group, long otherId) {
    }

    public static final class Contact {
        public long id;
        public String uuid;
        public String firstName;
        public String lastName;
        public String nickname;
        public String gender;
        public boolean partial;
        public boolean active = true;
        public boolean dead;
        public boolean me;
        public boolean starred;
        public Long addressBookId;
        /** The contact this one was planted as a duplicate of (same name, same fields written differently). */
        public Long duplicateOf;
        public Instant createdAt;
        public Instant updatedAt;
        public String job;
        public String company;
        public LocalDate birthdate;
        public boolean birthYearUnknown;
        public Long firstMetThroughId;
        public final List<Field> fields = new ArrayList<>();
        public final List<Address> addresses = new ArrayList<>();
        public final List<Integer> tags = new ArrayList<>();
        public final List<Item> notes = new ArrayList<>();
        public final List<Item> activities = new ArrayList<>();
        public final List<Item> reminders = new ArrayList<>();
        public final List<Item> tasks = new ArrayList<>();
        public final List<Relation> relations = new ArrayList<>();
        public int calls;

        /** Listed by {@code GET /api/contacts}: real, active, default address book. */
        public boolean listed() {
            return !partial && active && addressBookId == null;
        }

        public String completeName() {
            return lastName == null ? firstName : firstName + " " + lastName;
        }
    }

    /** Sizes and proportions of a generated dataset. */
    public record Spec(long seed, int listedContacts, double archivedRate, double partialRate, double otherBookRate,
                       double duplicateRate, double idGapRate, double photoRate, double extraDataRate) {

        public static Spec of(int listedContacts) {
            return new Spec(42, listedContacts, 0.02, 0.02, 0.01, 0.05, 0.02, 0.1, 0.2);
        }

        public Spec withSeed(long value) {
            return new Spec(value, listedContacts, archivedRate, partialRate, otherBookRate, duplicateRate, idGapRate,
                    photoRate, extraDataRate);
        }

        /** Only listed contacts with fields and addresses: no extra data, photos or hidden contacts. */
        public Spec plain() {
            return new Spec(seed, listedContacts, 0, 0, 0, duplicateRate, 0, 0, 0);
        }
    }

    private final Map<Long, Contact> contacts = new LinkedHashMap<>();
    private final List<Photo> photos = new ArrayList<>();
    private volatile Set<Long> contactsWithAvatar;
    private long nextSubId = 1;

    private MonicaDataset() {
    }

    public static MonicaDataset generate(Spec spec) {
        MonicaDataset data = new MonicaDataset();
        data.fill(spec);
        return data;
    }

    private void fill(Spec spec) {
        Random random = new Random(spec.seed());
        Instant created = Instant.parse("2023-04-12T09:31:05Z");
        long id = 0;
        int listed = 0;
        List<Contact> real = new ArrayList<>();
        while (listed < spec.listedContacts()) {
            id++;
            if (random.nextDouble() < spec.idGapRate()) {
                continue;
            }
            // bulk imports create many contacts in the same second: ties in created_at (the cause of listing drift)
            if (random.nextInt(4) == 0) {
                created = created.plusSeconds(1 + random.nextInt(3600));
            }
            Contact c = newContact(id, created, random);
            double kind = random.nextDouble();
            if (kind < spec.archivedRate()) {
                c.active = false;
                // archived contacts keep their notes etc. (the account-wide listings show them); drawn from a random
                // of their own, so that the rest of the dataset is the same as before they had any
                Random own = new Random(new java.util.SplittableRandom(spec.seed() * 1_000_003 + id).nextLong());
                if (own.nextDouble() < spec.extraDataRate() * 2) {
                    addExtraData(c, own);
                }
            } else if (kind < spec.archivedRate() + spec.partialRate()) {
                c.partial = true;
                c.fields.clear();
                c.addresses.clear();
            } else if (kind < spec.archivedRate() + spec.partialRate() + spec.otherBookRate()) {
                c.addressBookId = 2L;
            } else {
                listed++;
                if (listed == 1) {
                    c.me = true;
                }
                if (random.nextDouble() < spec.duplicateRate() && !real.isEmpty()) {
                    plantDuplicate(c, real.get(random.nextInt(real.size())), random);
                }
                if (random.nextDouble() < spec.extraDataRate()) {
                    addExtraData(c, random);
                }
                if (random.nextDouble() < spec.photoRate()) {
                    addPhoto(c, random);
                }
                real.add(c);
            }
            contacts.put(c.id, c);
        }
        linkRelations(real, random);
    }

    private Contact newContact(long id, Instant created, Random random) {
        Contact c = new Contact();
        c.id = id;
        c.uuid = new UUID(random.nextLong(), random.nextLong()).toString();
        c.firstName = FIRST[random.nextInt(FIRST.length)];
        c.lastName = random.nextInt(10) == 0 ? null : LAST[random.nextInt(LAST.length)] + (id % 7 == 0 ? "" : "-" + id);
        c.nickname = random.nextInt(8) == 0 ? c.firstName.substring(0, 2) : null;
        c.gender = switch (random.nextInt(4)) {
            case 0 -> "Man";
            case 1 -> "Woman";
            case 2 -> "Rather not say";
            default -> null;
        };
        c.createdAt = created;
        c.updatedAt = created.plus(random.nextInt(1000), ChronoUnit.HOURS);
        c.job = random.nextInt(3) == 0 ? null : "Engineer";
        c.company = random.nextInt(2) == 0 ? null : "Acme " + (id % 13);
        if (random.nextInt(3) > 0) {
            c.birthdate = LocalDate.of(1950 + random.nextInt(55), 1 + random.nextInt(12), 1 + random.nextInt(28));
            c.birthYearUnknown = random.nextInt(10) == 0;
        }
        c.starred = random.nextInt(20) == 0;
        int city = random.nextInt(CITIES.length);
        c.fields.add(field("email", "Email", emailFor(c, random), random));
        if (random.nextInt(3) > 0) {
            c.fields.add(field("phone", "Phone", phoneFor(random), random));
        }
        if (random.nextInt(6) == 0) {
            c.fields.add(new Field(nextSubId++, uuid(random), null, "Twitter", "@" + c.firstName.toLowerCase() + id,
                    null));
        }
        if (random.nextInt(4) > 0) {
            c.addresses.add(new Address(nextSubId++, uuid(random), random.nextBoolean() ? "Home" : null,
                    (1 + random.nextInt(200)) + " " + (random.nextBoolean() ? "Main St." : "Rue de la Paix"),
                    CITIES[city], random.nextInt(3) == 0 ? null : "Region " + city,
                    String.valueOf(10000 + random.nextInt(89999)), random.nextInt(15) == 0 ? -1 : city,
                    random.nextBoolean() ? 48.8 + random.nextDouble() : null,
                    random.nextBoolean() ? 2.3 + random.nextDouble() : null));
        }
        if (random.nextInt(3) == 0) {
            c.tags.add(random.nextInt(TAGS.length));
        }
        return c;
    }

    private Field field(String type, String typeName, String content, Random random) {
        return new Field(nextSubId++, uuid(random), type, typeName, content, LABELS[random.nextInt(LABELS.length)]);
    }

    private static String emailFor(Contact c, Random random) {
        String local = (c.firstName + "." + (c.lastName == null ? "x" : c.lastName)).toLowerCase().replace(" ", "");
        return switch (random.nextInt(3)) {
            case 0 -> local + "@example.org";
            case 1 -> " " + local.toUpperCase() + "@Example.org";
            default -> local + "@mail.example.com";
        };
    }

    /**
     * A phone from one of five countries (US, GB, FR, DE, AU), each valid in its own numbering plan (landlines of
     * New York/San Francisco/Boston, London, Paris, Berlin and Sydney, and mobile ranges), written the three ways
     * people type them: national ({@code 030 4488791}), international ({@code +49 30 4488791}) or with the
     * {@code 00} prefix ({@code 00 49 30 4488791}). A national number of another country than the importing account's
     * is exactly what must not become E.164 under the account's default region.
     */
    static String phoneFor(Random random) {
        int form = random.nextInt(3);
        String countryCode;
        String national;
        String international;
        switch (random.nextInt(5)) {
            case 0 -> {
                String area = new String[]{"201", "212", "415", "617"}[random.nextInt(4)];
                String exchange = (2 + random.nextInt(8)) + digits(random, 2);
                String line = digits(random, 4);
                countryCode = "1";
                national = "(" + area + ") " + exchange + "-" + line;
                international = area + "-" + exchange + "-" + line;
            }
            case 1 -> {
                countryCode = "44";
                if (random.nextBoolean()) {
                    String local = "7" + digits(random, 3) + " " + digits(random, 4);
                    national = "020 " + local;
                    international = "20 " + local;
                } else {
                    String mobile = "74" + digits(random, 2) + " " + digits(random, 6);
                    national = "0" + mobile;
                    international = mobile;
                }
            }
            case 2 -> {
                countryCode = "33";
                String prefix = random.nextBoolean() ? "1" : "6";
                String rest = (prefix.equals("6") ? "1" + random.nextInt(10) : digits(random, 2)) + " "
                        + digits(random, 2) + " " + digits(random, 2) + " " + digits(random, 2);
                national = "0" + prefix + " " + rest;
                international = prefix + " " + rest;
            }
            case 3 -> {
                countryCode = "49";
                if (random.nextBoolean()) {
                    String local = (1 + random.nextInt(9)) + digits(random, 6);
                    national = "030 " + local;
                    international = "30 " + local;
                } else {
                    String mobile = "151 " + (1 + random.nextInt(9)) + digits(random, 7);
                    national = "0" + mobile;
                    international = mobile;
                }
            }
            default -> {
                countryCode = "61";
                if (random.nextBoolean()) {
                    String mobile = "41" + digits(random, 1) + " " + digits(random, 3) + " " + digits(random, 3);
                    national = "0" + mobile;
                    international = mobile;
                } else {
                    String local = "9" + digits(random, 3) + " " + digits(random, 4);
                    national = "(02) " + local;
                    international = "2 " + local;
                }
            }
        }
        return switch (form) {
            case 0 -> national;
            case 1 -> "+" + countryCode + " " + international;
            default -> "00 " + countryCode + " " + international;
        };
    }

    private static String digits(Random random, int count) {
        StringBuilder digits = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            digits.append(random.nextInt(10));
        }
        return digits.toString();
    }

    /** A second record of the same person, as CardDAV sync makes them: same name, same email or phone reformatted. */
    private void plantDuplicate(Contact copy, Contact original, Random random) {
        copy.duplicateOf = original.id;
        copy.firstName = original.firstName;
        copy.lastName = original.lastName;
        copy.fields.clear();
        for (Field f : original.fields) {
            String content = f.content();
            if ("email".equals(f.type())) {
                content = content.trim().toUpperCase();
            } else if ("phone".equals(f.type())) {
                content = content.replace(" ", "").replace(".", "-");
            }
            copy.fields.add(new Field(nextSubId++, uuid(random), f.type(), f.typeName(), content, f.labelType()));
        }
    }

    private void addExtraData(Contact c, Random random) {
        int notes = 1 + random.nextInt(20);
        for (int i = 0; i < notes; i++) {
            c.notes.add(item(random, Map.of("body", "Note " + i + " about " + c.firstName, "is_favorited", i == 0)));
        }
        int activities = random.nextInt(18);
        for (int i = 0; i < activities; i++) {
            c.activities.add(item(random, Map.of("summary", "Lunch " + i, "description", "at the usual place",
                    "happened_at", LocalDate.of(2022, 1 + i % 12, 1 + i).toString())));
        }
        int reminders = random.nextInt(3);
        for (int i = 0; i < reminders; i++) {
            c.reminders.add(item(random, Map.of("title", "Call back " + i, "frequency_type", "year",
                    "frequency_number", 1, "initial_date", "2024-03-0" + (1 + i))));
        }
        int tasks = random.nextInt(4);
        for (int i = 0; i < tasks; i++) {
            c.tasks.add(item(random, Map.of("title", "Send the book " + i, "completed", i % 2 == 0)));
        }
        c.calls = random.nextInt(3);
    }

    private Item item(Random random, Map<String, Object> attributes) {
        return new Item(nextSubId++, uuid(random), attributes);
    }

    private void addPhoto(Contact c, Random random) {
        long photoId = nextSubId++;
        String dataUrl = null;
        int size = 0;
        if (random.nextInt(8) > 0) {
            byte[] bytes = java.util.Arrays.copyOf(PNG, PNG.length + 8);
            java.nio.ByteBuffer.wrap(bytes, PNG.length, 8).putLong(photoId);
            dataUrl = "data:image/png;base64," + Base64.getEncoder().encodeToString(bytes);
            size = bytes.length;
        }
        photos.add(new Photo(photoId, uuid(random), c.id, dataUrl, size));
    }

    private void linkRelations(List<Contact> real, Random random) {
        List<Contact> partials = contacts.values().stream().filter(c -> c.partial).toList();
        for (Contact c : real) {
            if (random.nextInt(10) == 0) {
                boolean toPartial = !partials.isEmpty() && random.nextBoolean();
                Contact other = toPartial ? partials.get(random.nextInt(partials.size()))
                        : real.get(random.nextInt(real.size()));
                if (other.id != c.id) {
                    int group = random.nextInt(RELATION_GROUPS.length);
                    c.relations.add(new Relation(nextSubId++, uuid(random), group, other.id));
                }
            }
            if (random.nextInt(15) == 0) {
                Contact other = real.get(random.nextInt(real.size()));
                if (other.id != c.id) {
                    c.firstMetThroughId = other.id;
                }
            }
        }
    }

    private static String uuid(Random random) {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    public Contact contact(long id) {
        return contacts.get(id);
    }

    public List<Contact> all() {
        return List.copyOf(contacts.values());
    }

    public List<Photo> photos() {
        return List.copyOf(photos);
    }

    /** Whether the contact has a photo Monica can serve as its avatar (one with a data URL). */
    public boolean hasAvatar(long contactId) {
        Set<Long> withAvatar = contactsWithAvatar;
        if (withAvatar == null) {
            withAvatar = photos.stream().filter(p -> p.dataUrl() != null).map(Photo::contactId)
                    .collect(Collectors.toUnmodifiableSet());
            contactsWithAvatar = withAvatar;
        }
        return withAvatar.contains(contactId);
    }

    public long maxId() {
        return contacts.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
    }
}
