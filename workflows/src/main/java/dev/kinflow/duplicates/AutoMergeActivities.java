package dev.kinflow.duplicates;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The auto-merge phase of an import (option {@code autoMerge}, default on): within the contacts one import job
 * wrote (found through {@code import_records.job_id}), merges contacts that have the same normalised name and share
 * an email, a phone or an address (normalised comparators), each merge keeping a snapshot for undo.
 *
 * <p>Idempotency key: the (survivor, merged) pair of each merge — a merged contact is skipped when it is already
 * merged, so a retried or repeated call merges nothing twice. Timeouts: work grows with the import, so the activity
 * heartbeats every chunk (heartbeat timeout 30 s) and gets a generous start-to-close (10 min).
 */
@ActivityInterface
public interface AutoMergeActivities {

    @ActivityMethod
    AutoMergeResult autoMergeImported(AutoMergeRequest request);
}
