package dev.kinflow.duplicates;

import java.util.List;

/** A candidate pair as the API shows it, ordered a &lt; b. */
public record DuplicateCandidate(long id, ContactRef contactA, ContactRef contactB, double score,
                                 List<DuplicateScorer.Reason> reasons, String status) {

    /** A contact of the pair: its id and display name. */
    public record ContactRef(long id, String name) {
    }
}
