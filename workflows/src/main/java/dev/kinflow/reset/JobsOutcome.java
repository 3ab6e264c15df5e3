package dev.kinflow.reset;

/**
 * What an action on jobs changed.
 *
 * @param changed how many jobs this call changed (cancellation requested, terminated, or row closed)
 */
public record JobsOutcome(int changed) {
}
