package dev.kinflow.jobs;

/** A job cannot start in the account's current state (e.g. the account is being reset); the API answers 409. */
public class JobConflictException extends RuntimeException {

    public JobConflictException(String message) {
        super(message);
    }
}
