package dev.kinflow.accounts;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.UUID;

/** An account as the REST API shows it; {@code apiKey} only in the creation response. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AccountView(UUID id, String name, String defaultRegion, String timezone, String status, String apiKey) {

    public static AccountView of(Account account) {
        return new AccountView(account.id(), account.name(), account.defaultRegion(), account.timezone(),
                account.status(), null);
    }
}
