package dev.kinflow.duplicates;

import java.time.LocalDate;
import java.util.List;

/**
 * What the scan knows about one unordered pair of contacts (a &lt; b): the exact keys they share, the trigram
 * similarity of their normalised names, the names themselves and what could contradict a name-only match.
 */
public record PairEvidence(long a, long b, List<SharedKey> shared, double nameSimilarity, Person personA, Person personB) {

    /** An exact key both contacts have: signal email, phone or address, and the canonical value. */
    record SharedKey(String signal, String value) {
    }

    /** The identity data of one side of the pair: names, how many emails and E.164 phones it has, its birthdate. */
    record Person(String firstName, String lastName, String normalizedName, int emails, int phones,
                  LocalDate birthdate) {
    }
}
