package dev.kinflow.duplicates;

/**
 * A blocking key shared by too many contacts to pair them (an office switchboard, a shared family address): the scan
 * made no pairs from it. Never carries the value.
 *
 * @param kind     {@code email}, {@code phone} or {@code address}
 * @param contacts how many live contacts share it
 */
public record SkippedKey(String kind, long contacts) {
}
