package dev.kinflow.backfill;

/** Step names shared by the workflow and the activities. */
public final class BackfillSteps {

    /** Builds the unique index on open conversations' canonical keys: one long, non-transactional activity. */
    public static final String UNIQUE_INDEX = "unique-index";

    private BackfillSteps() {
    }
}
