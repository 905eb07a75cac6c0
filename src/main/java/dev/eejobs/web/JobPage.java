package dev.eejobs.web;

import java.util.List;

/**
 * One page of a job listing.
 *
 * @param jobs the jobs, newest first
 * @param next the cursor of the next page, or null on the last page
 */
public record JobPage(List<JobView> jobs, String next) {}
