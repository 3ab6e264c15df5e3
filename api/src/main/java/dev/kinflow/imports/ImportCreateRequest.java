package dev.kinflow.imports;

import dev.kinflow.common.web.ApiException;
import dev.kinflow.common.web.ApiException.FieldProblem;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.HttpStatus;

/** Body of {@code POST /api/imports}; {@link #validate} names every offending field. */
public record ImportCreateRequest(String source, String baseUrl, String apiToken, Options options) {

    private static final Set<String> REGIONS = Set.of(Locale.getISOCountries());

    /** Caller options; null means the default. */
    public record Options(Boolean photos, Boolean autoMerge, Boolean extraData, String defaultRegion,
                          Integer requestsPerMinute) {
    }

    /** The options with defaults applied, or a 400 listing every invalid field. */
    public ImportOptions validate() {
        List<FieldProblem> problems = new ArrayList<>();
        if (source != null && !source.equals("monica")) {
            problems.add(new FieldProblem("source", "must be \"monica\""));
        }
        if (!isHttpUrl(baseUrl)) {
            problems.add(new FieldProblem("baseUrl", "must be an http or https URL, e.g. https://monica.example"));
        }
        if (apiToken == null || apiToken.isBlank()) {
            problems.add(new FieldProblem("apiToken", "must not be blank"));
        } else if (apiToken.length() > 4096) {
            problems.add(new FieldProblem("apiToken", "must be at most 4096 characters"));
        }
        Options given = options == null ? new Options(null, null, null, null, null) : options;
        int perMinute = given.requestsPerMinute() == null ? ImportOptions.DEFAULT_REQUESTS_PER_MINUTE
                : given.requestsPerMinute();
        if (perMinute < 1 || perMinute > 600) {
            problems.add(new FieldProblem("options.requestsPerMinute", "must be between 1 and 600"));
        }
        String region = given.defaultRegion();
        if (region != null && !REGIONS.contains(region)) {
            problems.add(new FieldProblem("options.defaultRegion",
                    "must be an ISO 3166-1 alpha-2 region in upper case, e.g. FR"));
        }
        if (!problems.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "Invalid request", problems);
        }
        return new ImportOptions(!Boolean.FALSE.equals(given.photos()), !Boolean.FALSE.equals(given.autoMerge()),
                !Boolean.FALSE.equals(given.extraData()), region, perMinute);
    }

    /** The base URL without a trailing slash. */
    public String normalizedBaseUrl() {
        String trimmed = baseUrl.trim();
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }

    private static boolean isHttpUrl(String value) {
        if (value == null || value.isBlank() || value.length() > 2000) {
            return false;
        }
        try {
            URI uri = URI.create(value.trim());
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                    && uri.getQuery() == null && uri.getFragment() == null && uri.getUserInfo() == null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
