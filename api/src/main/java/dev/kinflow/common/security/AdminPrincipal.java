package dev.kinflow.common.security;

/** The principal of a request made with the admin token. */
public record AdminPrincipal() {
}
