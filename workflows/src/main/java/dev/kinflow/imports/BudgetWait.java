package dev.kinflow.imports;

/**
 * A Monica request that may not be sent yet: the credential's budget has no free slot before {@code millis} from now.
 *
 * @param reason why: the budget is used up ({@code BUDGET}) or Monica answered 429 ({@code RETRY_AFTER})
 * @param millis how long to wait before asking again
 */
public record BudgetWait(Reason reason, long millis) {

    public enum Reason { BUDGET, RETRY_AFTER }
}
