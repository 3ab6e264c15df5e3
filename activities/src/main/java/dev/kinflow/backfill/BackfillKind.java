package dev.kinflow.backfill;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The kinds of backfill and the steps each one walks, in order. */
public enum BackfillKind {

    PHONE_E164("phone-e164", false, List.of(PhoneE164Step.NAME)),
    CONVERSATION_KEYS("conversation-keys", false,
            List.of(ConversationKeyStep.NAME, ConversationMergeStep.NAME, BackfillSteps.UNIQUE_INDEX)),
    ORPHAN_SWEEP("orphan-sweep", true,
            List.of(ImportRecordOrphanStep.NAME, AvatarOrphanStep.NAME, MergedConversationStep.NAME));

    private final String wireName;
    private final boolean bestEffortSteps;
    private final List<String> steps;

    BackfillKind(String wireName, boolean bestEffortSteps, List<String> steps) {
        this.wireName = wireName;
        this.bestEffortSteps = bestEffortSteps;
        this.steps = steps;
    }

    public String wireName() {
        return wireName;
    }

    /** Whether a step that keeps failing is reported and skipped (true) or fails the backfill (false). */
    public boolean bestEffortSteps() {
        return bestEffortSteps;
    }

    public String firstStep() {
        return steps.getFirst();
    }

    /** The step after {@code step}, or null after the last one. */
    public String stepAfter(String step) {
        int index = steps.indexOf(step);
        if (index < 0) {
            throw new IllegalArgumentException("unknown step " + step + " of " + wireName);
        }
        return index + 1 < steps.size() ? steps.get(index + 1) : null;
    }

    public static Optional<BackfillKind> fromWireName(String name) {
        return Arrays.stream(values()).filter(k -> k.wireName.equals(name)).findFirst();
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(BackfillKind::wireName).toList();
    }
}
