package dev.kinflow.duplicates;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The database work of a duplicate scan. Candidate generation runs in PostgreSQL with blocking (exact keys for
 * emails, E.164 phones and address keys; the trigram index for names), never an all-pairs comparison.
 *
 * <p>Idempotency keys: candidates are upserted on the unordered pair {@code (account, contact_a < contact_b)} — a
 * repeated chunk rewrites the same rows, never duplicates a pair, never changes a dismissed or merged status; the
 * watermark only moves forward. Timeouts: {@link #scanChunk} compares a bounded number of contacts in batches and
 * heartbeats its cursor after each batch (heartbeat timeout 30 s, start-to-close 10 min, resumes from the last
 * heartbeat when retried); the other methods are single queries (30 s).
 */
@ActivityInterface
public interface DuplicateScanActivities {

    /** Reads the previous scan's watermark and decides what this scan compares. */
    @ActivityMethod
    ScanPlan planScan(ScanPlanRequest request);

    /** Compares the next source contacts against the account and upserts the candidate pairs that qualify. */
    @ActivityMethod
    ScanChunkResult scanChunk(ScanChunk chunk);

    /**
     * Records the scan's start instant as the account's watermark (never moving it backwards) and answers the keys
     * shared by too many contacts to pair ({@link ScanFinish#skippedKeys()}: kind and count only).
     */
    @ActivityMethod
    ScanFinish finishScan(ScanFinish finish);
}
