package dev.kinflow.imports;

/**
 * The extra data of one import compared with what Monica's statistics promised. Counts only.
 *
 * @param listed  items (notes, activities, reminders, tasks) the account-wide listings brought
 * @param skipped of those, items whose contacts are not imported (archived, deleted, another address book)
 * @param missing items the statistics of imported contacts count beyond what arrived (0 when Monica is consistent)
 */
public record ExtraDataCheck(long listed, long skipped, long missing) {
}
