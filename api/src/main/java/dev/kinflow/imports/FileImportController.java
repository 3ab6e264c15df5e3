package dev.kinflow.imports;

import dev.kinflow.accounts.Account;
import dev.kinflow.common.web.ApiException;
import dev.kinflow.common.web.ApiException.FieldProblem;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * File imports of the caller's account: {@code POST /api/imports} as {@code multipart/form-data} with {@code source}
 * ({@code vcard} | {@code csv}), {@code file} and {@code options} (JSON). Watching and cancelling go through
 * {@link ImportController} like Monica imports (same job kind, same {@code import-{importId}} workflow ids).
 */
@RestController
@RequestMapping("/api/imports")
public class FileImportController {

    private final FileImportStarter starter;
    private final JsonMapper json;
    private final long maxFileBytes;

    public FileImportController(FileImportStarter starter, JsonMapper json,
                                @Value("${kinflow.imports.max-file-bytes:52428800}") long maxFileBytes) {
        this.starter = starter;
        this.json = json;
        this.maxFileBytes = maxFileBytes;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public ResponseEntity<Map<String, Object>> upload(@AuthenticationPrincipal Account account,
                                                      @RequestParam(value = "source", required = false) String source,
                                                      @RequestPart(value = "file", required = false) MultipartFile file,
                                                      @RequestParam(value = "options", required = false) String options) {
        List<FieldProblem> problems = new ArrayList<>();
        FileFormat format = FileFormat.of(source).orElse(null);
        if (format == null) {
            problems.add(new FieldProblem("source", "must be \"vcard\" or \"csv\" for a file upload (\"monica\" "
                    + "imports are JSON requests)"));
        }
        if (file == null || file.isEmpty()) {
            problems.add(new FieldProblem("file", "must be a non-empty file part"));
        }
        FileImportOptionsBody body = parseOptions(options, problems);
        if (!problems.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "Invalid request", problems);
        }
        if (file.getSize() > maxFileBytes) {
            throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "The file exceeds " + maxFileBytes + " bytes");
        }
        FileUploadOptions validated = body.validate(format, account.defaultRegion());
        ImportStarter.Started started;
        try (InputStream content = file.getInputStream()) {
            started = starter.start(account.id(), format, content, validated);
        } catch (FileUploadRejected rejected) {
            throw ApiException.badRequest(rejected.field(), rejected.getMessage());
        } catch (IOException unreadable) {
            throw ApiException.badRequest("file", "the upload could not be read");
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("id", started.importId());
        response.put("workflowId", started.workflowId());
        response.put("status", started.job().status().dbValue());
        response.put("jobId", started.job().id());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(response);
    }

    private FileImportOptionsBody parseOptions(String options, List<FieldProblem> problems) {
        if (options == null || options.isBlank()) {
            return new FileImportOptionsBody(null, null, null, null, null, null);
        }
        try {
            return json.readValue(options, FileImportOptionsBody.class);
        } catch (JacksonException malformed) {
            problems.add(new FieldProblem("options", "must be a JSON object with autoMerge, defaultRegion, tags, "
                    + "mapping, delimiter, encoding"));
            return null;
        }
    }
}
