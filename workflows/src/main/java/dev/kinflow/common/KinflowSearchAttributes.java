package dev.kinflow.common;

import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributes;

/**
 * The custom search attributes every Kinflow workflow sets, so the Temporal Web UI can filter runs by
 * account and job kind. Startup registers them on the Temporal namespace when they are missing.
 */
public final class KinflowSearchAttributes {

    public static final SearchAttributeKey<String> ACCOUNT_ID = SearchAttributeKey.forKeyword("KinflowAccountId");
    public static final SearchAttributeKey<String> JOB_KIND = SearchAttributeKey.forKeyword("KinflowJobKind");

    /** Account id used for jobs that span every account (admin backfills). */
    public static final String ALL_ACCOUNTS = "*";

    private KinflowSearchAttributes() {
    }

    public static SearchAttributes of(String accountId, String jobKind) {
        return SearchAttributes.newBuilder()
                .set(ACCOUNT_ID, accountId == null ? ALL_ACCOUNTS : accountId)
                .set(JOB_KIND, jobKind)
                .build();
    }
}
