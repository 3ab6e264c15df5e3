package dev.kinflow.imports;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The budget's clock: the database's (a test context under time skipping adds a {@code @Primary} one). */
@Configuration(proxyBeanMethods = false)
public class BudgetClockConfiguration {

    @Bean
    BudgetClock budgetClock(JdbcClient jdbc) {
        return BudgetClock.database(jdbc);
    }
}
