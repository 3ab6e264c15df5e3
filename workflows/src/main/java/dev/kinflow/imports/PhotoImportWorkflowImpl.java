package dev.kinflow.imports;

import dev.kinflow.common.JobProgress;
import dev.kinflow.common.ProgressReporter;
import java.util.Map;

public class PhotoImportWorkflowImpl implements PhotoImportWorkflow {

    static final int PAGE_ATTEMPTS = 10;

    private final ProgressReporter progress = new ProgressReporter();

    @Override
    public PhotoImportResult importPhotos(PhotoImportRequest request) {
        PacedMonica monica = new PacedMonica(new RequestWindow(request.limit(), request.window(),
                request.blockedUntil()), request.limit(), progress);
        MonicaFetch template = request.fetch();
        int page = 1;
        int lastPage = 1;
        int failed = 0;
        while (page <= lastPage) {
            MonicaFetched fetched = monica.call(new MonicaFetch(template.accountId(), template.jobId(),
                    template.credentialId(), template.baseUrl(), template.defaultRegion(), MonicaTarget.PHOTOS, 0, page,
                    "photos"), PAGE_ATTEMPTS);
            if (fetched.call().outcome() == MonicaCall.Outcome.OK) {
                lastPage = Math.max(lastPage, fetched.lastPage());
            } else {
                failed++;
            }
            progress.report("photos", "photos: page " + page + "/" + lastPage, page, lastPage,
                    Map.of("failedPages", (long) failed));
            page++;
        }
        return new PhotoImportResult(page - 1, failed, monica.requests(), monica.window().completions(),
                monica.window().blockedUntil(), monica.waitedMillis());
    }

    @Override
    public JobProgress progress() {
        return progress.current();
    }
}
