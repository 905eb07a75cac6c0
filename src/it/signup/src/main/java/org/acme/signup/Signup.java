package org.acme.signup;

/** The argument of {@link SendWelcomeMail}, as in the README's ten lines. */
public record Signup(String email) {}
