package dev.kinflow.imports;

import dev.kinflow.common.web.ApiException;
import dev.kinflow.common.web.ApiException.FieldProblem;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;

/**
 * The {@code options} part of a file upload (JSON); {@link #validate} names every offending field.
 *
 * @param autoMerge     merge same-name contacts sharing an email, phone or address at the end (default true)
 * @param defaultRegion ISO 3166 alpha-2 region for national phone numbers (default: the account's)
 * @param tags          tags added to every imported contact
 * @param mapping       CSV column header to field ({@link ContactField} values)
 * @param delimiter     CSV delimiter: {@code ,}, {@code ;}, {@code \t} or {@code |} (default: detected)
 * @param encoding      the file's encoding when it has no byte order mark (default UTF-8)
 */
public record FileImportOptionsBody(Boolean autoMerge, String defaultRegion, List<String> tags,
                                    Map<String, String> mapping, String delimiter, String encoding) {

    private static final Set<String> REGIONS = Set.of(Locale.getISOCountries());
    private static final Set<String> DELIMITERS = Set.of(",", ";", "\t", "|");

    public FileUploadOptions validate(FileFormat format, String accountRegion) {
        List<FieldProblem> problems = new ArrayList<>();
        if (defaultRegion != null && !REGIONS.contains(defaultRegion)) {
            problems.add(new FieldProblem("options.defaultRegion",
                    "must be an ISO 3166-1 alpha-2 region in upper case, e.g. FR"));
        }
        List<String> cleanTags = new ArrayList<>();
        for (String tag : tags == null ? List.<String>of() : tags) {
            if (tag == null || tag.isBlank() || tag.length() > 100) {
                problems.add(new FieldProblem("options.tags", "each tag must be 1 to 100 characters"));
                break;
            }
            cleanTags.add(tag.strip());
        }
        if (cleanTags.size() > 20) {
            problems.add(new FieldProblem("options.tags", "at most 20 tags"));
        }
        Map<String, ContactField> fields = null;
        if (mapping != null && !mapping.isEmpty()) {
            if (format != FileFormat.CSV) {
                problems.add(new FieldProblem("options.mapping", "only for source \"csv\""));
            }
            fields = new LinkedHashMap<>();
            for (Map.Entry<String, String> entry : mapping.entrySet()) {
                var field = entry.getValue() == null ? java.util.Optional.<ContactField>empty()
                        : ContactField.of(entry.getValue());
                if (field.isEmpty()) {
                    problems.add(new FieldProblem("options.mapping." + entry.getKey(), "must be one of "
                            + java.util.Arrays.stream(ContactField.values()).map(ContactField::value).toList()));
                } else {
                    fields.put(entry.getKey().strip(), field.get());
                }
            }
        }
        Character separator = null;
        if (delimiter != null) {
            if (!DELIMITERS.contains(delimiter)) {
                problems.add(new FieldProblem("options.delimiter", "must be one of , ; | or a tab"));
            } else {
                separator = delimiter.charAt(0);
            }
        }
        Charset charset = null;
        if (encoding != null) {
            try {
                charset = Charset.forName(encoding);
            } catch (IllegalCharsetNameException | UnsupportedCharsetException unknown) {
                problems.add(new FieldProblem("options.encoding", "unknown encoding, e.g. UTF-8 or windows-1252"));
            }
        }
        if (!problems.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "Invalid request", problems);
        }
        return new FileUploadOptions(!Boolean.FALSE.equals(autoMerge),
                defaultRegion != null ? defaultRegion : accountRegion, cleanTags, fields, separator, charset);
    }
}
