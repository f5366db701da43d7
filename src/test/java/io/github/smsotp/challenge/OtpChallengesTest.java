package io.github.smsotp.challenge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.Map;

import io.github.smsotp.TestClock;
import io.github.smsotp.challenge.OtpChallenges.PendingCode;
import io.github.smsotp.limits.InMemorySingleUseStore;
import org.junit.jupiter.api.Test;

class OtpChallengesTest {

    private static final Duration LIFETIME = Duration.ofMinutes(5);
    /** The step's own codes: no provider is ever asked. */
    private static final OtpChallenges.ProviderCheck OWN_CODES = (id, code) -> {
        throw new AssertionError("a provider was asked about the step's own code");
    };

    private final MapNotes notes = new MapNotes();
    private final TestClock clock = new TestClock();
    private final FakeKeys keys = new FakeKeys("otp");
    /** Keycloak's single-use store as it behaves: tries and spent marks are seen at once by every request. */
    private final CodeUses uses = new SingleUseCodeUses(new InMemorySingleUseStore(clock));
    private final OtpChallenges challenges = challengesFor("root/tab1");

    @Test
    void codesAreDigitsOfTheRequestedLength() {
        for (int length = 6; length <= 10; length++) {
            assertThat(challenges.create(length, LIFETIME).code()).matches("[0-9]{" + length + "}");
        }
    }

    @Test
    void onlyTheKeyedHashIsStored() {
        PendingCode pending = challenges.create(6, LIFETIME);
        challenges.activate(pending.challenge());

        assertThat(notes.values.values()).noneMatch(v -> v.contains(pending.code()));
        assertThat(notes.values.get(ChallengeStore.HASH)).isEqualTo(
                CodeHasher.hash(keys.active().key(), "root/tab1", pending.code()));
        assertThat(pending.toString()).doesNotContain(pending.code());
    }

    @Test
    void theRightCodeWorksOnce() {
        String code = issue();

        assertThat(challenges.verify(code, 5, OWN_CODES)).isEqualTo(Verification.VERIFIED);
        assertThat(challenges.verify(code, 5, OWN_CODES)).isEqualTo(Verification.NO_CODE);
    }

    @Test
    void aCodeAcceptedByARacingRequestIsNotAcceptedAgain() {
        String code = issue();
        Map<String, String> before = new HashMap<>(notes.values);
        assertThat(challenges.verify(code, 5, OWN_CODES)).isEqualTo(Verification.VERIFIED);

        // A second request that read the notes before the first one removed them.
        notes.values.putAll(before);
        assertThat(challenges.verify(code, 5, OWN_CODES)).isEqualTo(Verification.NO_CODE);
    }

    @Test
    void spacesAndDashesInTheInputAreIgnored() {
        String code = issue();

        assertThat(challenges.verify(" " + code.substring(0, 3) + " - " + code.substring(3), 5, OWN_CODES))
                .isEqualTo(Verification.VERIFIED);
    }

    @Test
    void wrongCodesCountDownThenKillTheCode() {
        String code = issue();

        assertThat(challenges.verify("x", 3, OWN_CODES)).isEqualTo(Verification.WRONG);
        assertThat(challenges.verify(other(code), 3, OWN_CODES)).isEqualTo(Verification.WRONG);
        assertThat(challenges.verify(other(code), 3, OWN_CODES)).isEqualTo(Verification.EXHAUSTED);
        assertThat(challenges.verify(code, 3, OWN_CODES)).isEqualTo(Verification.NO_CODE);
    }

    @Test
    void triesAreCountedWhereRacingRequestsSeeThemNotInTheTabsNotes() {
        String code = issue();
        Map<String, String> asReadByEveryRacer = new HashMap<>(notes.values);
        for (int racer = 0; racer < 20; racer++) {
            // Each racer read the notes before any other wrote: they show a fresh code to all.
            notes.values.putAll(asReadByEveryRacer);
            challenges.verify(other(code), 5, OWN_CODES);
        }

        notes.values.putAll(asReadByEveryRacer);
        assertThat(challenges.verify(code, 5, OWN_CODES)).isEqualTo(Verification.EXHAUSTED);
    }

    @Test
    void theRightCodeOnTheLastTryWorks() {
        String code = issue();
        for (int i = 0; i < 4; i++) {
            assertThat(challenges.verify(other(code), 5, OWN_CODES)).isEqualTo(Verification.WRONG);
        }

        assertThat(challenges.verify(code, 5, OWN_CODES)).isEqualTo(Verification.VERIFIED);
    }

    @Test
    void anExpiredCodeIsRefusedAndRemoved() {
        String code = issue();
        assertThat(challenges.secondsLeft()).isEqualTo(LIFETIME.toSeconds());
        clock.advance(LIFETIME);

        assertThat(challenges.secondsLeft()).isZero();
        assertThat(challenges.verify(code, 5, OWN_CODES)).isEqualTo(Verification.EXPIRED);
        assertThat(challenges.verify(code, 5, OWN_CODES)).isEqualTo(Verification.NO_CODE);
    }

    @Test
    void aNewCodeReplacesTheOldOne() {
        String first = issue();
        String second = issue();

        if (!first.equals(second)) {
            assertThat(challenges.verify(first, 5, OWN_CODES)).isEqualTo(Verification.WRONG);
        }
        assertThat(challenges.verify(second, 5, OWN_CODES)).isEqualTo(Verification.VERIFIED);
    }

    @Test
    void aCreatedButUndeliveredCodeDoesNotReplaceTheActiveOne() {
        String delivered = issue();
        challenges.create(6, LIFETIME);

        assertThat(challenges.verify(delivered, 5, OWN_CODES)).isEqualTo(Verification.VERIFIED);
    }

    @Test
    void aCodeIsBoundToItsTab() {
        String code = issue();
        OtpChallenges otherTab = challengesFor("root/tab2");

        assertThat(otherTab.verify(code, 5, OWN_CODES)).isEqualTo(Verification.WRONG);
    }

    @Test
    void codesIssuedBeforeAKeyRotationStillVerify() {
        String code = issue();
        keys.rotate();

        assertThat(challenges.verify(code, 5, OWN_CODES)).isEqualTo(Verification.VERIFIED);
    }

    @Test
    void corruptNotesNeverVerify() {
        String code = issue();
        notes.values.put(ChallengeStore.EXPIRES, "not a number");

        assertThat(challenges.verify(code, 5, OWN_CODES)).isEqualTo(Verification.NO_CODE);
    }

    @Test
    void overlongAndNonDigitInputIsWrongWithoutHashing() {
        assertThat(OtpChallenges.normalise("1".repeat(33))).isNull();
        assertThat(OtpChallenges.normalise("12345a")).isNull();
        assertThat(OtpChallenges.normalise("١٢٣٤٥٦")).isNull();
        assertThat(OtpChallenges.normalise("123 456")).isEqualTo("123456");
    }

    private String issue() {
        PendingCode pending = challenges.create(6, LIFETIME);
        challenges.activate(pending.challenge());
        return pending.code();
    }

    @Test
    void aProvidersCodeIsCheckedByTheProviderUnderItsIdAndSpentOnce() {
        challenges.activate(challenges.delegated("send-1", LIFETIME));
        List<String> asked = new ArrayList<>();
        OtpChallenges.ProviderCheck provider = (id, code) -> {
            asked.add(id + ":" + code);
            return code.equals("123456") ? Verification.VERIFIED : Verification.WRONG;
        };

        assertThat(challenges.verify("654321", 5, provider)).isEqualTo(Verification.WRONG);
        assertThat(challenges.verify("123 456", 5, provider)).isEqualTo(Verification.VERIFIED);
        assertThat(challenges.verify("123456", 5, provider)).isEqualTo(Verification.NO_CODE);
        assertThat(asked).containsExactly("send-1:654321", "send-1:123456");
    }

    @Test
    void aProvidersCodeTakesNoMoreTriesThanOursAndInputThatIsNoCodeNeverReachesIt() {
        challenges.activate(challenges.delegated("send-2", LIFETIME));
        List<String> asked = new ArrayList<>();
        OtpChallenges.ProviderCheck provider = (id, code) -> {
            asked.add(code);
            return Verification.WRONG;
        };

        assertThat(challenges.verify("not a code", 3, provider)).isEqualTo(Verification.WRONG);
        assertThat(challenges.verify("111111", 3, provider)).isEqualTo(Verification.WRONG);
        assertThat(challenges.verify("222222", 3, provider)).isEqualTo(Verification.EXHAUSTED);
        assertThat(challenges.verify("333333", 3, provider)).isEqualTo(Verification.NO_CODE);
        assertThat(asked).containsExactly("111111", "222222");
    }

    @Test
    void theProvidersTooManyTriesAndExpiryEndTheCodeAndItsSilenceKeepsIt() {
        challenges.activate(challenges.delegated("send-3", LIFETIME));
        assertThat(challenges.verify("111111", 5, (id, code) -> Verification.UNCHECKED))
                .isEqualTo(Verification.UNCHECKED);
        assertThat(challenges.verify("111111", 5, (id, code) -> Verification.EXHAUSTED))
                .isEqualTo(Verification.EXHAUSTED);
        assertThat(challenges.secondsLeft()).isZero();

        challenges.activate(challenges.delegated("send-4", LIFETIME));
        assertThat(challenges.verify("111111", 5, (id, code) -> Verification.EXPIRED)).isEqualTo(Verification.EXPIRED);
        assertThat(challenges.verify("111111", 5, (id, code) -> Verification.VERIFIED)).isEqualTo(Verification.NO_CODE);
    }

    @Test
    void aProvidersCodeExpiresWithOurLifetimeWhateverTheProviderKeeps() {
        challenges.activate(challenges.delegated("send-5", LIFETIME));
        clock.advance(LIFETIME);

        assertThat(challenges.verify("123456", 5, (id, code) -> Verification.VERIFIED)).isEqualTo(Verification.EXPIRED);
    }

    private OtpChallenges challengesFor(String binding) {
        return new OtpChallenges(new ChallengeStore(notes), keys, binding, clock, uses);
    }

    private static String other(String code) {
        return code.charAt(0) == '9' ? "0" + code.substring(1) : (char) (code.charAt(0) + 1) + code.substring(1);
    }

    static final class MapNotes implements ChallengeNotes {
        final Map<String, String> values = new HashMap<>();

        @Override
        public String get(String name) {
            return values.get(name);
        }

        @Override
        public void set(String name, String value) {
            values.put(name, value);
        }

        @Override
        public void remove(String name) {
            values.remove(name);
        }
    }
}
