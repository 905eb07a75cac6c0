package org.acme.signup;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The application's own bean a job uses: it remembers whom it welcomed. */
@ApplicationScoped
public class Mailer {

    private final List<String> welcomed = new CopyOnWriteArrayList<>();

    public void welcome(String email) {
        welcomed.add(email);
    }

    public List<String> welcomed() {
        return List.copyOf(welcomed);
    }
}
