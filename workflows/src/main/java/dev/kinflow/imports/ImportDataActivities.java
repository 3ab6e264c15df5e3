package dev.kinflow.imports;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The database side of an import (task queue {@code kinflow-default}): coverage bookkeeping, cross references, the
 * extra data's shortfall against statistics, totals, the credential's deletion and the duplicate scan at the end.
 *
 * <p>Idempotency: reads are pure; {@link #resolveReferences} inserts relationships with {@code ON CONFLICT DO
 * NOTHING}; {@link #deleteCredential} deletes by id (nothing to do the second time); {@link #startDuplicateScan} joins
 * a running scan. Timeouts: each is a few statements, so 30 s start-to-close with unlimited retries.
 */
@ActivityInterface
public interface ImportDataActivities {

    /** How many distinct contacts the listing of this job saw, and their id range. */
    @ActivityMethod
    CoverageRange coverage(ImportJobRef job);

    /** Ids in (afterId, upToId] this job has not seen yet (listing or direct fetch). */
    @ActivityMethod
    IdBatch unseenIds(IdQuery query);

    /**
     * Contacts whose statistics say they have notes, activities, reminders or tasks beyond what the listing gave: the
     * per-contact path of imports started before the account-wide listings ({@code ExtraDataImport.LISTINGS}).
     */
    @ActivityMethod
    IdBatch extraDataWork(IdQuery query);

    /**
     * Imported contacts of this job whose {@code statistics} count more notes, activities, reminders or tasks than
     * arrived so far (account-wide listings, the contact listing's latest notes, per-contact reads), with the kinds
     * that fall short ({@code kinds} at the same index).
     */
    @ActivityMethod
    IdBatch extraDataShortfall(IdQuery query);

    /** What the extra-data listings brought, what they skipped, and what the statistics still count as missing. */
    @ActivityMethod
    ExtraDataCheck extraDataCheck(ImportJobRef job);

    /** Monica ids referenced by relationships or "first met through" that are not imported yet. */
    @ActivityMethod
    IdBatch unresolvedReferences(IdQuery query);

    /** Phase 2: relationships and "first met through" resolved to Kinflow contact ids; returns how many were new. */
    @ActivityMethod
    long resolveReferences(ImportJobRef job);

    @ActivityMethod
    ImportTotals totals(ImportJobRef job);

    @ActivityMethod
    void deleteCredential(ImportJobRef job);

    /** Starts (or joins) the account's incremental duplicate scan; returns its workflow id. */
    @ActivityMethod
    String startDuplicateScan(ImportJobRef job);
}
