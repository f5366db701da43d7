package io.github.smsotp.challenge;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * {@link ChallengeNotes} of a login that keeps no session between its requests (an app's token
 * requests), kept as one entry of Keycloak's single-use store: every cluster node reads it, and it
 * is gone {@code keepFor} after its last change. Read once per request, and written once, whole, as
 * the request's transaction commits: the store takes one write of a key per request, and writes
 * nothing of a request that fails.
 */
public final class SingleUseNotes implements ChallengeNotes {

    /**
     * Counts the sign-ins this entry has seen end, so that claims of the next one have names of their
     * own: its send history starts again at the first send.
     */
    private static final String GENERATION = "sms-otp.generation";
    private static final Duration CLAIM_LIFETIME = Duration.ofMinutes(3);

    private final KeycloakSession session;
    private final SingleUseObjectProvider store;
    private final String key;
    private final Duration keepFor;
    private Map<String, String> notes;
    private boolean changed;

    /** @param key names the login, and nothing but it */
    public SingleUseNotes(KeycloakSession session, String key, Duration keepFor) {
        this.session = session;
        this.store = session.singleUseObjects();
        this.key = key;
        this.keepFor = keepFor;
    }

    @Override
    public String get(String name) {
        return notes().get(name);
    }

    @Override
    public void set(String name, String value) {
        notes().put(name, value);
        write();
    }

    @Override
    public void remove(String name) {
        if (notes().remove(name) != null) {
            write();
        }
    }

    /**
     * Forgets every note but the count of ended sign-ins: the login is over. Written, not removed: the
     * store removes at once, and the entry could not be written after that in the same request.
     */
    public void clear() {
        long next = generation() + 1;
        notes().clear();
        notes.put(GENERATION, Long.toString(next));
        write();
    }

    /**
     * A claim in the store, taken for three minutes: longer than any request that holds one (a
     * gateway call times out after a minute at the most, and a fallback sender may take another),
     * short enough that a claim whose request failed before it wrote the notes holds the login up
     * for no longer.
     */
    @Override
    public boolean claim(String name) {
        long seconds = Math.max(1, Math.min(CLAIM_LIFETIME.toSeconds(), keepFor.toSeconds()));
        return store.putIfAbsent(claimKey(name), seconds);
    }

    /** Removed at once, as the store removes. */
    @Override
    public void release(String name) {
        store.remove(claimKey(name));
    }

    private String claimKey(String name) {
        return key + "#" + generation() + "#" + name;
    }

    private long generation() {
        try {
            return Long.parseLong(notes().getOrDefault(GENERATION, "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private Map<String, String> notes() {
        if (notes == null) {
            Map<String, String> stored = store.get(key);
            notes = stored == null ? new HashMap<>() : new HashMap<>(stored);
        }
        return notes;
    }

    private void write() {
        if (changed) {
            return;
        }
        changed = true;
        // A prepare-phase transaction commits before the store's own, which then carries the write.
        session.getTransactionManager().enlistPrepare(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                store.put(key, Math.max(1, keepFor.toSeconds()), new HashMap<>(notes));
            }

            @Override
            protected void rollbackImpl() {
                // nothing was written
            }
        });
    }
}
