package dev.kinflow.imports;

/**
 * The answer to a {@link BudgetedFetch}: either the request was sent ({@code fetched}) or it has to wait
 * ({@code budgetWait}); exactly one is set.
 */
public record BudgetedFetched(MonicaFetched fetched, BudgetWait budgetWait) {

    public static BudgetedFetched sent(MonicaFetched fetched) {
        return new BudgetedFetched(fetched, null);
    }

    public static BudgetedFetched waiting(BudgetWait wait) {
        return new BudgetedFetched(null, wait);
    }
}
