package io.github.smsotp.challenge;

/**
 * String notes of one browser tab's login (Keycloak's authentication-session notes). An interface
 * so that the challenge rules can be tested without a server.
 */
public interface ChallengeNotes {

    String get(String name);

    void set(String name, String value);

    void remove(String name);
}
