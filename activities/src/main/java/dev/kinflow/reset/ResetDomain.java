package dev.kinflow.reset;

import java.util.List;

/**
 * One cleanup step of the account reset: a feature's data, deleted by one activity run.
 *
 * @param name        short name shown in progress ("cleanup 4/11: notes")
 * @param description what the domain holds
 * @param tables      its tables, in deletion order (children before parents)
 */
public record ResetDomain(String name, String description, List<OwnedTable> tables) {

    public ResetDomain {
        tables = List.copyOf(tables);
    }

    public static ResetDomain domain(String name, String description, OwnedTable... tables) {
        return new ResetDomain(name, description, List.of(tables));
    }
}
