package dev.kinflow.outreach;

import java.util.UUID;

/** A sending device of an account: the principal of {@code /client/**} requests. */
public record Device(long id, UUID accountId, String name) {
}
