package dev.kinflow.imports;

import java.nio.charset.Charset;
import java.util.List;
import java.util.Map;

/**
 * The options of a file upload after validation.
 *
 * @param autoMerge     merge same-name contacts sharing an email, phone or address at the end
 * @param defaultRegion region for national phone numbers (null: none)
 * @param tags          tags added to every imported contact
 * @param mapping       CSV column header to {@link ContactField} (null: recognise well-known headers)
 * @param delimiter     CSV delimiter (null: detect {@code ,}, {@code ;} or tab from the header line)
 * @param encoding      the file's encoding when it has no byte order mark (null: UTF-8)
 */
public record FileUploadOptions(boolean autoMerge, String defaultRegion, List<String> tags,
                                Map<String, ContactField> mapping, Character delimiter, Charset encoding) {

    public FileUploadOptions {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
