package org.acme.signup;

import dev.eejobs.api.BackgroundJob;
import dev.eejobs.api.Job;
import dev.eejobs.api.JobContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The README's example job, open to HTTP enqueue as well. */
@ApplicationScoped
@BackgroundJob(name = "send-welcome-mail", queue = "mail", maxRetries = 3, backoff = "fixed(30s)", httpEnqueue = true)
public class SendWelcomeMail implements Job<Signup> {

    @Inject
    Mailer mailer;

    @Override
    public void run(Signup signup, JobContext context) {
        mailer.welcome(signup.email());
    }
}
