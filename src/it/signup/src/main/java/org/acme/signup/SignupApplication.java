package org.acme.signup;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The application's own JAX-RS application, beside the module's /jobs-api. */
@ApplicationPath("api")
public class SignupApplication extends Application {}
