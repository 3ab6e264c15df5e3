package dev.kinflow.duplicates;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a pair's evidence into a score and its reasons: the strongest signal plus a bonus for each additional
 * agreeing signal, minus a penalty when no email, phone or birthdate agrees and the contacts' own identifiers
 * contradict each other. A shared email or phone qualifies on its own; a shared address or agreeing names do not (families share
 * addresses, different people share names) but together, or with the same birthdate, they do. Constants and the
 * measurements behind them: docs/duplicates.md.
 */
public final class DuplicateScorer {

    static final double EMAIL = 0.85;
    static final double PHONE = 0.75;
    static final double ADDRESS = 0.60;
    /** Weight of agreeing names: 0.55 + 0.10 x trigram similarity (0.65 for identical names). */
    static final double NAME_BASE = 0.55;
    static final double NAME_SLOPE = 0.10;
    /** Added per agreeing signal beyond the strongest one (a same birthdate counts only with agreeing names). */
    static final double BONUS = 0.10;
    /**
     * Subtracted when neither an email, a phone nor a birthdate agrees but both have different emails, phones or
     * birthdates.
     */
    static final double CONFLICT_PENALTY = 0.15;
    /** Pairs scoring below this are not candidates. */
    static final double THRESHOLD = 0.70;

    /** A reason shown to a person: the signal and the value that matched. */
    public record Reason(String signal, String detail) {
    }

    /** A qualifying pair. */
    record Scored(long a, long b, double score, List<Reason> reasons) {
    }

    private DuplicateScorer() {
    }

    static Optional<Scored> score(PairEvidence pair) {
        List<Reason> reasons = new ArrayList<>();
        Set<String> signals = new LinkedHashSet<>();
        double best = 0;
        for (PairEvidence.SharedKey key : pair.shared().stream()
                .sorted(Comparator.comparing(PairEvidence.SharedKey::signal).thenComparing(PairEvidence.SharedKey::value))
                .toList()) {
            signals.add(key.signal());
            best = Math.max(best, weight(key.signal()));
            reasons.add(new Reason(key.signal(), key.value()));
        }
        PairEvidence.Person x = pair.personA();
        PairEvidence.Person y = pair.personB();
        if (PersonNames.agree(x.firstName(), x.lastName(), y.firstName(), y.lastName())) {
            signals.add("name");
            best = Math.max(best, NAME_BASE + NAME_SLOPE * pair.nameSimilarity());
            reasons.add(new Reason("name", String.format(Locale.ROOT, "\"%s\" ~ \"%s\" (similarity %.2f)",
                    x.normalizedName(), y.normalizedName(), pair.nameSimilarity())));
            if (x.birthdate() != null && x.birthdate().equals(y.birthdate())) {
                signals.add("birthdate");
                reasons.add(new Reason("birthdate", x.birthdate().toString()));
            }
        }
        if (signals.isEmpty()) {
            return Optional.empty();
        }
        double score = best + BONUS * (signals.size() - 1);
        boolean corroborated = signals.contains("email") || signals.contains("phone") || signals.contains("birthdate");
        if (!corroborated && contradict(x, y)) {
            score -= CONFLICT_PENALTY;
        }
        score = Math.min(1.0, Math.round(score * 1000) / 1000.0);
        return score >= THRESHOLD ? Optional.of(new Scored(pair.a(), pair.b(), score, List.copyOf(reasons)))
                : Optional.empty();
    }

    private static double weight(String signal) {
        return switch (signal) {
            case "email" -> EMAIL;
            case "phone" -> PHONE;
            default -> ADDRESS;
        };
    }

    /** Both have emails (none shared), both have phones (none shared), or different birthdates. */
    static boolean contradict(PairEvidence.Person x, PairEvidence.Person y) {
        return (x.emails() > 0 && y.emails() > 0) || (x.phones() > 0 && y.phones() > 0)
                || (x.birthdate() != null && y.birthdate() != null && !x.birthdate().equals(y.birthdate()));
    }
}
