package dev.eejobs.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Mounts the jobs API under {@code /api}. */
@ApplicationPath("api")
public class JobsApplication extends Application {}
