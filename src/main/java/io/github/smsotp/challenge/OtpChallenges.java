package io.github.smsotp.challenge;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import javax.crypto.SecretKey;

/**
 * The rules of one tab's code: issue, verify once, expire, run out of attempts.
 * Only the keyed hash is kept; the plain code exists just long enough to be sent.
 */
public final class OtpChallenges {

    /** The key id of a code a provider made and checks: the challenge holds no hash of it, only its id. */
    static final String PROVIDER_KEY = "provider";

    /** Longer input cannot be a code; it is refused before any hashing work. */
    private static final int MAX_INPUT_LENGTH = 32;

    private final ChallengeStore store;
    private final SecretKeys keys;
    private final String binding;
    private final Clock clock;
    private final CodeUses uses;

    /**
     * @param binding identifies the tab the codes belong to; hashed into every code
     */
    public OtpChallenges(ChallengeStore store, SecretKeys keys, String binding, Clock clock, CodeUses uses) {
        this.store = store;
        this.keys = keys;
        this.binding = binding;
        this.clock = clock;
        this.uses = uses;
    }

    /** A new code, not yet active: call {@link #activate} once it has been delivered. */
    public PendingCode create(int length, Duration lifetime) {
        String code = CodeGenerator.digits(length);
        SecretKeys.KeyRef key = keys.active();
        OtpChallenge challenge = new OtpChallenge(CodeHasher.hash(key.key(), binding, code), key.id(),
                clock.instant().plus(lifetime));
        return new PendingCode(code, challenge);
    }

    /**
     * A code a provider's Verify API makes and checks, not yet active: the step never holds it, and
     * keeps its expiry and tries as for its own.
     *
     * @param id names the code and the provider's verification of it: unguessable, never reused
     */
    public OtpChallenge delegated(String id, Duration lifetime) {
        return new OtpChallenge(id, PROVIDER_KEY, clock.instant().plus(lifetime));
    }

    /** Makes the delivered code the only valid one; any earlier code stops working. */
    public void activate(OtpChallenge challenge) {
        store.save(challenge);
    }

    /** Whole seconds (rounded up) the pending code stays valid; 0 when no code is pending or it has expired. */
    public long secondsLeft() {
        return store.challenge().filter(c -> !c.isExpired(clock.instant()))
                .map(c -> (Duration.between(clock.instant(), c.expiresAt()).toMillis() + 999) / 1000).orElse(0L);
    }

    /**
     * Asks the provider that made a code whether an input is it.
     */
    @FunctionalInterface
    public interface ProviderCheck {

        /**
         * @param codeId the code's id (see {@link #delegated})
         * @return {@code VERIFIED}, {@code WRONG}, {@code EXHAUSTED}, {@code EXPIRED} or {@code UNCHECKED}
         */
        Verification check(String codeId, String code);
    }

    /**
     * Checks an input against the tab's code, our own or a provider's ({@code provider} answers for
     * those). The try is claimed before the comparison, so however many requests race, a code sees at
     * most {@code maxAttempts} comparisons; a right code needs a try left like a wrong one.
     */
    public Verification verify(String input, int maxAttempts, ProviderCheck provider) {
        Optional<OtpChallenge> pending = store.challenge();
        if (pending.isEmpty()) {
            return Verification.NO_CODE;
        }
        OtpChallenge challenge = pending.get();
        if (challenge.isExpired(clock.instant())) {
            store.clearChallenge();
            return Verification.EXPIRED;
        }
        Duration left = Duration.between(clock.instant(), challenge.expiresAt());
        int attempt = uses.claimTry(challenge.hash(), maxAttempts, left);
        if (attempt == 0) {
            store.clearChallenge();
            return Verification.EXHAUSTED;
        }
        String code = normalise(input);
        Verification answer = code == null ? Verification.WRONG
                : PROVIDER_KEY.equals(challenge.keyId()) ? provider.check(challenge.hash(), code)
                : matches(challenge, code) ? Verification.VERIFIED : Verification.WRONG;
        switch (answer) {
            case VERIFIED -> {
                store.clearChallenge();
                // Another request may have read the same notes a moment ago: only one may win.
                return uses.markSpent(challenge.hash(), left) ? Verification.VERIFIED : Verification.NO_CODE;
            }
            case WRONG -> {
                if (attempt >= maxAttempts) {
                    store.clearChallenge();
                    return Verification.EXHAUSTED;
                }
                return Verification.WRONG;
            }
            case UNCHECKED -> {
                // The provider said nothing of the code: it stays, and the tried input counts.
                return Verification.UNCHECKED;
            }
            default -> {
                store.clearChallenge();
                return answer;
            }
        }
    }

    private boolean matches(OtpChallenge challenge, String code) {
        Optional<SecretKey> key = keys.find(challenge.keyId());
        return key.isPresent() && CodeHasher.matches(key.get(), binding, code, challenge.hash());
    }

    /** Digits with spaces and dashes removed (people copy "123 456"); null when not a code at all. */
    static String normalise(String input) {
        if (input == null || input.length() > MAX_INPUT_LENGTH) {
            return null;
        }
        String code = input.replaceAll("[\\s-]", "");
        return code.matches("[0-9]{1,16}") ? code : null;
    }

    /** A freshly made code and the challenge that will verify it. */
    public record PendingCode(String code, OtpChallenge challenge) {

        @Override
        public String toString() {
            return "PendingCode[hidden]";
        }
    }
}
