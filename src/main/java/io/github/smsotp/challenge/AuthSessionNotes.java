package io.github.smsotp.challenge;

import org.keycloak.sessions.AuthenticationSessionModel;

/** {@link ChallengeNotes} kept in a tab's authentication session, so they are replicated and die with it. */
public final class AuthSessionNotes implements ChallengeNotes {

    private final AuthenticationSessionModel authSession;

    public AuthSessionNotes(AuthenticationSessionModel authSession) {
        this.authSession = authSession;
    }

    @Override
    public String get(String name) {
        return authSession.getAuthNote(name);
    }

    @Override
    public void set(String name, String value) {
        authSession.setAuthNote(name, value);
    }

    @Override
    public void remove(String name) {
        authSession.removeAuthNote(name);
    }
}
