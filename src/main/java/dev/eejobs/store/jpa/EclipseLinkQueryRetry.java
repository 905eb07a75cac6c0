package dev.eejobs.store.jpa;

import org.eclipse.persistence.sessions.DatabaseLogin;
import org.eclipse.persistence.sessions.Session;
import org.eclipse.persistence.sessions.SessionCustomizer;

/**
 * EclipseLink only (handed to the unit when it is the provider, so other servers never load it):
 * a read that fails for want of the database is retried once, at once, instead of EclipseLink's
 * default of more tries five seconds apart. The one retry still replaces a pooled connection that
 * died with a database restart; the default held every API read and every housekeeping pass about
 * ten seconds while the database was down, each request keeping an HTTP thread, when the
 * caller should hear at once that the service is unavailable (the API's 503) and retry later.
 * Public: EclipseLink instantiates it by name. The interface is the one in {@code sessions}, which
 * EclipseLink 4 (Payara 6) and 5 (Payara 7) both cast to; {@code config.SessionCustomizer} is gone
 * from 5.
 */
public final class EclipseLinkQueryRetry implements SessionCustomizer {

    static final int RETRIES = 1;

    @Override
    public void customize(Session session) {
        if (session.getDatasourceLogin() instanceof DatabaseLogin login) {
            login.setQueryRetryAttemptCount(RETRIES);
            login.setDelayBetweenConnectionAttempts(0);
        }
    }
}
