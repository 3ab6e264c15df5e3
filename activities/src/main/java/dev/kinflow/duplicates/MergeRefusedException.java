package dev.kinflow.duplicates;

/** A merge or undo that cannot be done; {@link #reason()} tells the caller which HTTP answer it deserves. */
public class MergeRefusedException extends RuntimeException {

    /** Why it was refused. */
    public enum Reason { NOT_FOUND, CONFLICT, INVALID }

    private final Reason reason;

    public MergeRefusedException(Reason reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    static MergeRefusedException notFound(String what) {
        return new MergeRefusedException(Reason.NOT_FOUND, what + " not found");
    }

    static MergeRefusedException conflict(String detail) {
        return new MergeRefusedException(Reason.CONFLICT, detail);
    }
}
