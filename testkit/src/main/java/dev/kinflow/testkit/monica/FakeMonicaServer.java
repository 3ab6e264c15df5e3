package dev.kinflow.testkit.monica;

import static dev.kinflow.testkit.monica.MonicaJson.error;
import static dev.kinflow.testkit.monica.MonicaJson.map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.kinflow.testkit.monica.MonicaDataset.Contact;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.util.RawValue;

/**
 * A fake Monica v4 API on 127.0.0.1, faithful to monica-api.md: Passport-style bearer auth (401 JSON, or 302 without
 * a JSON Accept header), Laravel pagination ({@code links.next} without {@code limit}), the listing filters (real,
 * active, default address book), 404 code 31, the per-token fixed 60 s window rate limit with 429 + Retry-After, and
 * injectable faults: listing drift at page boundaries (total and last_page unchanged), 5xx variants, truncated bodies,
 * connection resets, stalls, latency. Every authenticated request is recorded with its time per token, so tests can
 * measure the request rate at the server. The clock is injectable so that time-skipping tests see skipped time.
 */
public final class FakeMonicaServer implements AutoCloseable {

    /** A fault the server can inject into a response. */
    public enum Fault {
        RATE_LIMITED, MONICA_500, LARAVEL_500, HTML_502, HTML_504, MAINTENANCE_503, TRUNCATED_BODY, CONNECTION_RESET,
        EMPTY_PAGE, STALL
    }

    /** One request as the server saw it. */
    public record Request(String token, long atMillis, String method, String path, int status) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_LIMIT = 100;
    private static final Set<String> SORTS = Set.of("created_at", "updated_at", "completed_at", "called_at",
            "favorited_at");
    private static final Pattern SUB = Pattern.compile("/api/contacts/(\\d+)/([a-z]+)");
    private static final Pattern ONE = Pattern.compile("/api/contacts/([^/]+)");
    private static final Set<String> EXTRA_LISTINGS = Set.of("/api/notes", "/api/activities", "/api/reminders",
            "/api/tasks");

    private final MonicaDataset data;
    private volatile List<Contact> byCreation;
    private volatile Listing listing;
    private volatile Map<Long, RawValue> rendered;
    private final Set<String> tokens;
    private final HttpServer server;
    private final MonicaJson json;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, long[]> windows = new ConcurrentHashMap<>();
    private final Map<String, Deque<Fault>> injected = new ConcurrentHashMap<>();
    private final Set<Long> deleted = ConcurrentHashMap.newKeySet();
    private volatile LongSupplier clock = System::currentTimeMillis;
    private volatile int rateLimitPerMinute;
    private volatile int retryAfterSeconds = 7;
    private volatile double driftRate;
    private volatile long latencyMillis;
    private volatile long stallMillis = 45_000;
    private volatile double randomFaultRate;
    private volatile int stopAfter;
    private final java.util.concurrent.atomic.AtomicInteger answered = new java.util.concurrent.atomic.AtomicInteger();
    private volatile Fault[] randomFaultMix = {Fault.MONICA_500};
    private final Random faultRandom = new Random(7);

    public FakeMonicaServer(MonicaDataset data, String... tokens) {
        this.data = data;
        this.tokens = Set.of(tokens);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        json = new MonicaJson("http://127.0.0.1:" + server.getAddress().getPort(), data);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public MonicaDataset data() {
        return data;
    }

    /** Monica's per-token fixed 60 s window; 0 turns the limit off. */
    public FakeMonicaServer rateLimitPerMinute(int limit) {
        this.rateLimitPerMinute = limit;
        return this;
    }

    public FakeMonicaServer retryAfterSeconds(int seconds) {
        this.retryAfterSeconds = seconds;
        return this;
    }

    /** The share of listed contacts that paging silently skips (moved to a neighbouring page and repeated). */
    public FakeMonicaServer driftRate(double rate) {
        this.driftRate = rate;
        return this;
    }

    public FakeMonicaServer latencyMillis(long millis) {
        this.latencyMillis = millis;
        return this;
    }

    public FakeMonicaServer stallMillis(long millis) {
        this.stallMillis = millis;
        return this;
    }

    public FakeMonicaServer clock(LongSupplier millis) {
        this.clock = millis;
        return this;
    }

    /** Faults drawn at random (seeded) for this share of requests. */
    public FakeMonicaServer randomFaults(double rate, Fault... mix) {
        this.randomFaultRate = rate;
        this.randomFaultMix = mix.clone();
        return this;
    }

    /** The next requests whose path starts with {@code pathPrefix} get these faults, one each, in order. */
    public FakeMonicaServer inject(String pathPrefix, Fault... faults) {
        injected.computeIfAbsent(pathPrefix, k -> new ArrayDeque<>()).addAll(List.of(faults));
        return this;
    }

    /**
     * Monica goes away after answering this many authenticated requests: the next one's connection drops and the
     * server stops listening (later connections are refused).
     */
    public FakeMonicaServer stopAnsweringAfter(int requests) {
        this.stopAfter = requests;
        return this;
    }

    /** Soft-deletes a contact: no longer listed or counted, 404 on detail. */
    public void delete(long contactId) {
        deleted.add(contactId);
    }

    /**
     * Renders every listed contact (with its fields) to JSON now and serves those bytes from then on, so that a
     * benchmark measures the importer rather than the fake's rendering (a real Monica renders on its own machine).
     * Only for datasets nobody edits while the server runs: an edited contact would still be listed as rendered here.
     */
    public FakeMonicaServer renderContactsOnce() {
        Map<Long, RawValue> cache = new HashMap<>();
        for (Contact c : listed()) {
            cache.put(c.id, new RawValue(JSON.writeValueAsString(json.contact(c, true))));
        }
        this.rendered = Map.copyOf(cache);
        return this;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The largest number of requests of one token that arrived within any window of {@code windowMillis}. */
    public int maxRequestsInAnyWindow(String token, long windowMillis) {
        List<Long> times = requests.stream().filter(r -> r.token().equals(token)).map(Request::atMillis).sorted()
                .toList();
        int max = 0;
        int start = 0;
        for (int end = 0; end < times.size(); end++) {
            while (times.get(end) - times.get(start) >= windowMillis) {
                start++;
            }
            max = Math.max(max, end - start + 1);
        }
        return max;
    }

    /** Ids of contacts {@code GET /api/contacts} lists (real, active, default address book, not deleted). */
    public List<Long> listedIds() {
        return listed().stream().map(c -> c.id).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** Monica's default order; the generated contacts and their creation times never change, so it is sorted once. */
    private List<Contact> byCreation() {
        List<Contact> sorted = byCreation;
        if (sorted == null) {
            sorted = data.all().stream()
                    .sorted(Comparator.comparing((Contact c) -> c.createdAt).thenComparingLong(c -> c.id)).toList();
            byCreation = sorted;
        }
        return sorted;
    }

    /** The listed contacts as of a number of deletions (deletions only ever grow). */
    private record Listing(int deletions, List<Contact> contacts) {
    }

    private List<Contact> listed() {
        Listing current = listing;
        int deletions = deleted.size();
        if (current == null || current.deletions() != deletions) {
            current = new Listing(deletions, byCreation().stream().filter(Contact::listed)
                    .filter(c -> !deleted.contains(c.id)).toList());
            listing = current;
        }
        return current.contacts();
    }

    private Object listedContact(Contact c, boolean withFields) {
        Map<Long, RawValue> cache = rendered;
        if (cache == null || !withFields) {
            return json.contact(c, withFields);
        }
        RawValue bytes = cache.get(c.id);
        return bytes != null ? bytes : json.contact(c, true);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI uri = exchange.getRequestURI();
            String path = uri.getPath();
            Map<String, String> query = query(uri.getRawQuery());
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            String token = auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : null;
            String accept = exchange.getRequestHeaders().getFirst("Accept");
            if (token == null || !tokens.contains(token)) {
                if (accept == null || !accept.contains("json")) {
                    exchange.getResponseHeaders().add("Location", "/");
                    exchange.sendResponseHeaders(302, -1);
                    return;
                }
                send(exchange, 401, map("message", "Unauthenticated."));
                return;
            }
            if (stopAfter > 0 && answered.incrementAndGet() > stopAfter) {
                // the server goes away: this connection drops, later ones are refused
                Thread.ofVirtual().start(() -> server.stop(0));
                throw new IOException("the fake stopped answering");
            }
            long now = clock.getAsLong();
            if (latencyMillis > 0) {
                sleep(latencyMillis);
            }
            int status = respond(exchange, token, now, path, query, accept);
            requests.add(new Request(token, now, exchange.getRequestMethod(), path + (uri.getRawQuery() == null ? ""
                    : "?" + uri.getRawQuery()), status));
        }
    }

    private int respond(HttpExchange exchange, String token, long now, String path, Map<String, String> query,
                        String accept) throws IOException {
        if (accept == null || !accept.contains("json")) {
            exchange.getResponseHeaders().add("Location", "/");
            exchange.sendResponseHeaders(302, -1);
            return 302;
        }
        if (rateLimitPerMinute > 0) {
            long[] window = windows.computeIfAbsent(token, k -> new long[]{now, 0});
            synchronized (window) {
                if (now - window[0] >= 60_000) {
                    window[0] = now;
                    window[1] = 0;
                }
                long resetAt = window[0] + 60_000;
                exchange.getResponseHeaders().add("X-RateLimit-Limit", String.valueOf(rateLimitPerMinute));
                if (window[1] >= rateLimitPerMinute) {
                    exchange.getResponseHeaders().add("Retry-After",
                            String.valueOf(Math.max(1, (resetAt - now + 999) / 1000)));
                    exchange.getResponseHeaders().add("X-RateLimit-Reset", String.valueOf(resetAt / 1000));
                    exchange.getResponseHeaders().add("X-RateLimit-Remaining", "0");
                    return send(exchange, 429, error("Too many attempts, please slow down the request", 34));
                }
                window[1]++;
                exchange.getResponseHeaders().add("X-RateLimit-Remaining",
                        String.valueOf(rateLimitPerMinute - window[1]));
            }
        }
        Fault fault = nextFault(path);
        if (fault != null && fault != Fault.EMPTY_PAGE && fault != Fault.TRUNCATED_BODY) {
            return sendFault(exchange, fault, now);
        }
        Object body;
        int status = 200;
        try {
            body = route(path, query, fault == Fault.EMPTY_PAGE);
        } catch (MonicaError e) {
            status = e.status;
            body = e.body;
        }
        if (body == null) {
            status = 404;
            body = map("message", "The route " + path.substring(1) + " could not be found.");
        }
        if (fault == Fault.TRUNCATED_BODY) {
            byte[] bytes = JSON.writeValueAsBytes(body);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes, 0, bytes.length / 2);
            }
            return 200;
        }
        return send(exchange, status, body);
    }

    private Fault nextFault(String path) {
        for (Map.Entry<String, Deque<Fault>> entry : injected.entrySet()) {
            if (path.startsWith(entry.getKey())) {
                synchronized (entry.getValue()) {
                    Fault fault = entry.getValue().pollFirst();
                    if (fault != null) {
                        return fault;
                    }
                }
            }
        }
        if (randomFaultRate > 0) {
            synchronized (faultRandom) {
                if (faultRandom.nextDouble() < randomFaultRate) {
                    return randomFaultMix[faultRandom.nextInt(randomFaultMix.length)];
                }
            }
        }
        return null;
    }

    private int sendFault(HttpExchange exchange, Fault fault, long now) throws IOException {
        return switch (fault) {
            case RATE_LIMITED -> {
                exchange.getResponseHeaders().add("Retry-After", String.valueOf(retryAfterSeconds));
                exchange.getResponseHeaders().add("X-RateLimit-Reset", String.valueOf(now / 1000 + retryAfterSeconds));
                exchange.getResponseHeaders().add("X-RateLimit-Remaining", "0");
                yield send(exchange, 429, error("Too many attempts, please slow down the request", 34));
            }
            case MONICA_500 -> send(exchange, 500, error("Invalid query", 40));
            case LARAVEL_500 -> send(exchange, 500, map("message", "Server Error"));
            case HTML_502 -> sendHtml(exchange, 502, "<html><body><h1>502 Bad Gateway</h1></body></html>");
            case HTML_504 -> sendHtml(exchange, 504, "<html><body><h1>504 Gateway Time-out</h1></body></html>");
            case MAINTENANCE_503 -> send(exchange, 503, map("message", "Service Unavailable"));
            case CONNECTION_RESET -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, 4096);
                OutputStream out = exchange.getResponseBody();
                out.write("{\"data\":[".getBytes(StandardCharsets.UTF_8));
                out.flush();
                // an exception out of the handler makes the server drop the connection mid-body
                throw new IOException("connection reset by the fake");
            }
            case STALL -> {
                sleep(stallMillis);
                yield send(exchange, 500, map("message", "Server Error"));
            }
            default -> throw new IllegalStateException(fault.name());
        };
    }

    private Object route(String path, Map<String, String> query, boolean emptyPage) {
        if (path.equals("/api") || path.equals("/api/")) {
            return map("success", map("message", "Welcome to Monica"),
                    "links", map("activities_url", baseUrl() + "/api/activities",
                            "contacts_url", baseUrl() + "/api/contacts"));
        }
        if (path.equals("/api/me")) {
            Contact me = data.all().stream().filter(c -> c.me).findFirst().orElse(null);
            return map("data", map("id", 1, "object", "user", "first_name", "Demo", "last_name", "User",
                    "email", "demo@example.org", "me_contact", me == null ? null : json.contactShort(me),
                    "account", MonicaJson.account()));
        }
        if (path.equals("/api/contacts")) {
            return listing(query, emptyPage);
        }
        if (EXTRA_LISTINGS.contains(path)) {
            return extraListing(path.substring("/api/".length()), query, emptyPage);
        }
        if (path.equals("/api/photos")) {
            int[] paging = paging(query);
            return page(data.photos().stream().filter(p -> !deleted.contains(p.contactId())).map(json::photo)
                    .toList(), "/api/photos", paging, emptyPage);
        }
        Matcher sub = SUB.matcher(path);
        if (sub.matches()) {
            return subList(Long.parseLong(sub.group(1)), sub.group(2), query, emptyPage);
        }
        Matcher one = ONE.matcher(path);
        if (one.matches()) {
            long id;
            try {
                id = Long.parseLong(one.group(1));
            } catch (NumberFormatException e) {
                throw new MonicaError(500, map("message", "Server Error"));
            }
            Contact c = found(id);
            return map("data", json.contact(c, "contactfields".equals(query.get("with"))));
        }
        return null;
    }

    private Contact found(long id) {
        Contact c = data.contact(id);
        if (c == null || deleted.contains(id)) {
            throw new MonicaError(404, error("The resource has not been found", 31));
        }
        return c;
    }

    private Object listing(Map<String, String> query, boolean emptyPage) {
        int[] paging = paging(query);
        String sort = query.getOrDefault("sort", "created_at");
        String column = sort.startsWith("-") ? sort.substring(1) : sort;
        if (!SORTS.contains(column)) {
            throw new MonicaError(400, error("The sorting criteria is invalid", 39));
        }
        if (!column.equals("created_at") && !column.equals("updated_at")) {
            throw new MonicaError(500, error("Invalid query", 40));
        }
        List<Contact> listed = listed();
        if (column.equals("updated_at")) {
            listed = listed.stream().sorted(Comparator.comparing((Contact c) -> c.updatedAt)).toList();
        }
        if (sort.startsWith("-")) {
            listed = listed.reversed();
        }
        int limit = paging[1];
        int page = paging[0];
        int total = listed.size();
        int lastPage = Math.max(1, (total + limit - 1) / limit);
        int start = (page - 1) * limit - driftShift(page, lastPage, limit, total);
        List<Contact> items = page > lastPage || emptyPage ? List.of()
                : listed.subList(Math.max(0, start), Math.min(total, start + limit));
        boolean withFields = "contactfields".equals(query.get("with"));
        return MonicaJson.page(items.stream().map(c -> listedContact(c, withFields)).toList(),
                baseUrl() + "/api/contacts", page, limit, total);
    }

    /**
     * The account-wide listings {@code GET /api/notes}, {@code /api/activities}, {@code /api/reminders} and
     * {@code /api/tasks}: the items of every contact of the account (archived and other address books included, not
     * deleted ones), each with its {@code contact} (and an activity's {@code attendees}), ordered by {@code created_at}
     * — which is the contact's creation time here, so ties abound — with the same drift as the contact listing.
     */
    private Object extraListing(String kind, Map<String, String> query, boolean emptyPage) {
        int[] paging = paging(query);
        String object = switch (kind) {
            case "notes" -> "note";
            case "activities" -> "activity";
            case "reminders" -> "reminder";
            default -> "task";
        };
        List<Map.Entry<Contact, MonicaDataset.Item>> all = new ArrayList<>();
        for (Contact c : byCreation()) {
            if (deleted.contains(c.id)) {
                continue;
            }
            List<MonicaDataset.Item> items = switch (kind) {
                case "notes" -> c.notes;
                case "activities" -> c.activities;
                case "reminders" -> c.reminders;
                default -> c.tasks;
            };
            items.forEach(item -> all.add(Map.entry(c, item)));
        }
        int limit = paging[1];
        int page = paging[0];
        int total = all.size();
        int lastPage = Math.max(1, (total + limit - 1) / limit);
        int start = (page - 1) * limit - driftShift(page, lastPage, limit, total);
        List<Map.Entry<Contact, MonicaDataset.Item>> items = page > lastPage || emptyPage ? List.of()
                : all.subList(Math.max(0, start), Math.min(total, start + limit));
        return MonicaJson.page(items.stream().map(e -> json.subItem(e.getKey(), object, e.getValue())).toList(),
                baseUrl() + "/api/" + kind, page, limit, total);
    }

    /**
     * How far back page {@code page}'s window is shifted by tie reordering: every even page is shifted by a share of
     * the drifted ids, so it repeats the end of the page before and the ids at its own end are never listed.
     */
    private int driftShift(int page, int lastPage, int limit, int total) {
        if (driftRate <= 0 || page % 2 != 0 || page > lastPage) {
            return 0;
        }
        int skipped = (int) Math.round(total * driftRate);
        int shiftedPages = lastPage / 2;
        if (shiftedPages == 0) {
            return 0;
        }
        int index = page / 2 - 1;
        int shift = skipped / shiftedPages + (index < skipped % shiftedPages ? 1 : 0);
        return Math.min(shift, limit / 2);
    }

    private Object subList(long contactId, String kind, Map<String, String> query, boolean emptyPage) {
        if (kind.equals("relationships")) {
            Contact c = data.contact(contactId);
            List<Object> items = new ArrayList<>();
            if (c != null && !deleted.contains(contactId)) {
                for (MonicaDataset.Relation r : c.relations) {
                    items.add(map("id", r.id(), "uuid", r.uuid(), "object", "relationship",
                            "contact_is", json.contactShort(c),
                            "relationship_type", map("id", r.group() + 1, "name",
                                    MonicaDataset.RELATION_NAMES[r.group()], "name_reverse_relationship",
                                    MonicaDataset.RELATION_NAMES[r.group()], "relationship_type_group_id",
                                    r.group() + 1, "delible", true),
                            "of_contact", json.contactShort(data.contact(r.otherId())),
                            "url", baseUrl() + "/api/relationships/" + r.id()));
                }
            }
            return map("data", items);
        }
        Contact c = found(contactId);
        int[] paging = paging(query);
        String path = baseUrl() + "/api/contacts/" + contactId + "/" + kind;
        List<?> items = switch (kind) {
            case "contactfields" -> c.fields.stream().map(f -> json.contactField(c, f)).toList();
            case "addresses" -> c.addresses.stream().map(a -> json.address(c, a)).toList();
            case "notes" -> c.notes.stream().map(n -> json.subItem(c, "note", n)).toList();
            case "activities" -> c.activities.stream().map(n -> json.subItem(c, "activity", n)).toList();
            case "reminders" -> c.reminders.stream().map(n -> json.subItem(c, "reminder", n)).toList();
            case "tasks" -> c.tasks.stream().map(n -> json.subItem(c, "task", n)).toList();
            case "photos" -> data.photos().stream().filter(p -> p.contactId() == contactId).map(json::photo).toList();
            case "gifts", "debts", "calls", "conversations", "pets", "documents" -> List.of();
            default -> null;
        };
        if (items == null) {
            return null;
        }
        Map<String, Object> page = page(items, path, paging, emptyPage);
        if (kind.equals("activities") || kind.equals("calls")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> meta = (Map<String, Object>) page.get("meta");
            meta.put("statistics", map("total", items.size()));
        }
        return page;
    }

    private static Map<String, Object> page(List<?> all, String path, int[] paging, boolean empty) {
        int from = Math.min(all.size(), (paging[0] - 1) * paging[1]);
        List<?> items = empty ? List.of() : all.subList(from, Math.min(all.size(), from + paging[1]));
        return MonicaJson.page(items, path.startsWith("http") ? path : path, paging[0], paging[1], all.size());
    }

    /** [page, limit] with Laravel's rules: default 15 per page, more than 100 is error 30, bad page is 1. */
    private static int[] paging(Map<String, String> query) {
        int limit = 0;
        try {
            limit = Integer.parseInt(query.getOrDefault("limit", "0"));
        } catch (NumberFormatException ignored) {
            // Monica casts: a non-number is 0
        }
        if (limit > MAX_LIMIT) {
            throw new MonicaError(400, error("The limit parameter is too big", 30));
        }
        int page = 1;
        try {
            page = Math.max(1, Integer.parseInt(query.getOrDefault("page", "1")));
        } catch (NumberFormatException ignored) {
            // Laravel: a bad page is page 1
        }
        return new int[]{page, limit <= 0 ? 15 : limit};
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return params;
    }

    private static int send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
        return status;
    }

    private static int sendHtml(HttpExchange exchange, int status, String html) throws IOException {
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/html");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
        return status;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A Monica error response (status and body). */
    private static final class MonicaError extends RuntimeException {
        final int status;
        final Object body;

        MonicaError(int status, Object body) {
            super(null, null, false, false);
            this.status = status;
            this.body = body;
        }
    }
}
