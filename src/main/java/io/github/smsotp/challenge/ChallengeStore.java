package io.github.smsotp.challenge;

import java.time.Instant;
import java.util.Optional;

/**
 * Reads and writes the pending challenge and the send history of one tab as notes. Notes that do
 * not parse are treated as absent: a corrupt note must never let anyone in.
 */
public final class ChallengeStore {

    static final String HASH = "sms-otp.hash";
    static final String KEY_ID = "sms-otp.kid";
    static final String EXPIRES = "sms-otp.expires";
    static final String SEND_ATTEMPTS = "sms-otp.send-attempts";
    static final String LAST_SENT = "sms-otp.last-sent";

    private final ChallengeNotes notes;

    public ChallengeStore(ChallengeNotes notes) {
        this.notes = notes;
    }

    public Optional<OtpChallenge> challenge() {
        String hash = notes.get(HASH);
        String keyId = notes.get(KEY_ID);
        Long expires = number(notes.get(EXPIRES));
        if (hash == null || keyId == null || expires == null) {
            return Optional.empty();
        }
        return Optional.of(new OtpChallenge(hash, keyId, Instant.ofEpochMilli(expires)));
    }

    public void save(OtpChallenge challenge) {
        notes.set(HASH, challenge.hash());
        notes.set(KEY_ID, challenge.keyId());
        notes.set(EXPIRES, Long.toString(challenge.expiresAt().toEpochMilli()));
    }

    public void clearChallenge() {
        notes.remove(HASH);
        notes.remove(KEY_ID);
        notes.remove(EXPIRES);
    }

    /**
     * Claims the next send after {@code history} for this request: false when another request that
     * read the same history is sending already.
     */
    public boolean claimSend(SendHistory history) {
        return notes.claim(sendClaim(history));
    }

    /** Gives the claim of {@link #claimSend} back: the send was refused before it began. */
    public void releaseSend(SendHistory history) {
        notes.release(sendClaim(history));
    }

    private static String sendClaim(SendHistory history) {
        return "send-" + (history.attempts() + 1);
    }

    public SendHistory history() {
        Long attempts = number(notes.get(SEND_ATTEMPTS));
        Long lastSent = number(notes.get(LAST_SENT));
        return new SendHistory(attempts == null ? 0 : attempts.intValue(),
                lastSent == null ? null : Instant.ofEpochMilli(lastSent));
    }

    public void save(SendHistory history) {
        notes.set(SEND_ATTEMPTS, Integer.toString(history.attempts()));
        if (history.lastSentAt() != null) {
            notes.set(LAST_SENT, Long.toString(history.lastSentAt().toEpochMilli()));
        }
    }

    private static Long number(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
