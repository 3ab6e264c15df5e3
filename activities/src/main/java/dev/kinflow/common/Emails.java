package dev.kinflow.common;

import java.util.Locale;

/** Canonical form of an email address: trimmed and lower-cased. */
public final class Emails {

    private Emails() {
    }

    public static String canonical(String raw) {
        return raw == null ? "" : raw.trim().toLowerCase(Locale.ROOT);
    }
}
