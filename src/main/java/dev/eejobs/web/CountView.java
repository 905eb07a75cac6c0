package dev.eejobs.web;

/**
 * A number of jobs: how many a bulk action changed, or how many match a selection.
 *
 * @param count the number
 */
public record CountView(long count) {}
