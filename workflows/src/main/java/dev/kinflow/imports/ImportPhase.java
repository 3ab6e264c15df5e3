package dev.kinflow.imports;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The phases of a Monica import, in the order they run; {@link ImportState#phase} says which one a run (re)starts in.
 * The JSON names are the strings earlier versions carried in continue-as-new state, so those states still read.
 */
public enum ImportPhase {
    /** Phase 1: the contact listing, driven by {@code meta.last_page}. */
    @JsonProperty("listing") LISTING("listing"),
    /** Phase 1.4: unseen ids fetched directly when Monica's total exceeds what the listing showed. */
    @JsonProperty("coverage") COVERAGE("coverage"),
    /** Phase 1.5: same-name contacts of this import merged (option {@code autoMerge}). */
    @JsonProperty("merge") MERGE("merging"),
    /** Phase 2: referenced contacts fetched, relationships linked. */
    @JsonProperty("references") REFERENCES("references"),
    /** Phase 4: notes, activities, reminders and tasks (option {@code extraData}). */
    @JsonProperty("extra") EXTRA("extra"),
    /** Phase 3: photos in a child workflow (option {@code photos}). */
    @JsonProperty("photos") PHOTOS("photos");

    private final String progressName;

    ImportPhase(String progressName) {
        this.progressName = progressName;
    }

    /** The phase's name in the job's progress ({@code progress.phase}). */
    public String progressName() {
        return progressName;
    }

    /** The phase after this one; the last one stays. */
    public ImportPhase next() {
        ImportPhase[] all = values();
        return all[Math.min(ordinal() + 1, all.length - 1)];
    }
}
