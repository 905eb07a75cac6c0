package dev.eejobs.example;

/** The demo jobs' argument. */
public record Greeting(String name) {}
