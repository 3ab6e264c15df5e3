package dev.kinflow.backfill;

/**
 * One step of a backfill kind: a keyset walk over a table. {@link #run} runs inside the batch's transaction; in a dry
 * run it must not write business tables, and it must report the same counts a real run would.
 */
public interface BackfillStep {

    String name();

    StepBatch run(BackfillScope scope, String cursor);
}
