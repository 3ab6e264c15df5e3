package dev.kinflow.reset;

/**
 * What {@link ResetActivities#beginReset} changed.
 *
 * @param markedResetting true if this call moved the account to {@code resetting} (false: it already was)
 */
public record ResetStarted(boolean markedResetting) {
}
