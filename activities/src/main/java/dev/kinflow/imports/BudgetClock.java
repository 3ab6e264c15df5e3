package dev.kinflow.imports;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The one clock of the Monica request budget: slot times and the check at send time both come from it. In production
 * it is the database's {@code clock_timestamp()}, the same for every worker process whatever their own clocks; under
 * Temporal's time-skipping test server it is the test server's clock (workflow time), which the fake Monica also
 * uses.
 */
@FunctionalInterface
public interface BudgetClock {

    /** Epoch milliseconds now. */
    long millis();

    static BudgetClock database(JdbcClient jdbc) {
        return () -> jdbc.sql("SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint").query(Long.class)
                .single();
    }
}
