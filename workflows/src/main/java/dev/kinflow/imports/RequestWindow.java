package dev.kinflow.imports;

import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The workflow's pacing of Monica requests: at most {@code limit} requests in any sliding 60 s window. Workflow code
 * only (durable timers, workflow time).
 *
 * <p>Why it holds: a request is <em>acquired</em> (scheduled) at workflow time {@code s}, really sent at {@code a >= s}
 * and seen completed at {@code c >= a}. A new request may start only while fewer than {@code limit} requests are
 * in flight or completed after {@code s - 60 s}. For any two requests {@code i} scheduled before {@code j} that are
 * not both counted, {@code a_j >= s_j >= c_i + 60 s >= a_i + 60 s}, so no 60 s window holds more than {@code limit}.
 * Every attempt, failed or not, is one acquired request (the activities make exactly one request and are never
 * retried by Temporal). A 429's {@code Retry-After} blocks every request until it has passed.
 */
public final class RequestWindow {

    static final long WINDOW_MILLIS = 60_000;

    private final int limit;
    private final Deque<Long> completions = new ArrayDeque<>();
    private int inFlight;
    private long blockedUntil;

    public RequestWindow(int limit, List<Long> completions, long blockedUntil) {
        this.limit = Math.max(1, limit);
        this.completions.addAll(completions);
        this.blockedUntil = blockedUntil;
    }

    /** Blocks (durably) until one more request may start, and counts it as in flight. */
    public void acquire() {
        while (true) {
            long now = Workflow.currentTimeMillis();
            while (!completions.isEmpty() && completions.peekFirst() + WINDOW_MILLIS <= now) {
                completions.pollFirst();
            }
            if (now < blockedUntil) {
                Workflow.sleep(Duration.ofMillis(blockedUntil - now));
            } else if (inFlight + completions.size() < limit) {
                inFlight++;
                return;
            } else if (completions.isEmpty()) {
                int busy = inFlight;
                Workflow.await(() -> inFlight < busy);
            } else {
                Workflow.sleep(Duration.ofMillis(completions.peekFirst() + WINDOW_MILLIS - now));
            }
        }
    }

    /** The request acquired last has completed (or failed, or timed out) now. */
    public void release() {
        inFlight--;
        completions.addLast(Workflow.currentTimeMillis());
    }

    /** Monica said 429: nothing starts before {@code seconds} from now. */
    public void blockFor(int seconds) {
        blockedUntil = Math.max(blockedUntil, Workflow.currentTimeMillis() + Math.max(1, seconds) * 1000L);
    }

    /** Completion times that still count (for continue-as-new or a child workflow). */
    public List<Long> completions() {
        return List.copyOf(completions);
    }

    public long blockedUntil() {
        return blockedUntil;
    }
}
