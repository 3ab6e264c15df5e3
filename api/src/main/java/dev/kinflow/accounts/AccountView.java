package dev.kinflow.accounts;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kinflow.common.PhoneFormat;
import java.util.UUID;

/** An account as the REST API shows it; {@code apiKey} only in the creation response;
 * {@code phoneFormat} is how every phone's {@code display} is rendered. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AccountView(UUID id, String name, String defaultRegion, String timezone, String status,
                          PhoneFormat phoneFormat, String apiKey) {

    public static AccountView of(Account account) {
        return of(account, null);
    }

    public static AccountView of(Account account, String apiKey) {
        return new AccountView(account.id(), account.name(), account.defaultRegion(), account.timezone(),
                account.status(), account.phoneFormat(), apiKey);
    }
}
