package io.github.smsotp.challenge;

/**
 * String notes of one browser tab's login (Keycloak's authentication-session notes). An interface
 * so that the challenge rules can be tested without a server.
 */
public interface ChallengeNotes {

    String get(String name);

    void set(String name, String value);

    void remove(String name);

    /**
     * Claims {@code name} for one request: true for the first to ask, across requests that race and
     * every cluster node. Notes whose requests race without a session to tell them apart (an app's
     * token requests) claim for real; a browser tab's notes let every claim win, and a tab that
     * races its own requests is held by the send limits.
     */
    default boolean claim(String name) {
        return true;
    }

    /** Gives a claim back, for a request that will not do what it claimed. */
    default void release(String name) {
        // nothing was claimed
    }
}
