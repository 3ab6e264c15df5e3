package dev.kinflow.reset;

/**
 * What {@link ResetActivities#finishReset} changed.
 *
 * @param audited   true if this call wrote the audit entry
 * @param activated true if this call moved the account back to {@code active}
 */
public record ResetFinished(boolean audited, boolean activated) {
}
