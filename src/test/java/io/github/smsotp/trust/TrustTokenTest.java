package io.github.smsotp.trust;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smsotp.challenge.FakeKeys;
import org.junit.jupiter.api.Test;

class TrustTokenTest {

    private static final TrustBinding BINDING = new TrustBinding("realm-1", "user-1", "cred-1", "hash", "1700000000000", "0");

    private final FakeKeys keys = new FakeKeys("trust");

    @Test
    void aSignedTokenVerifiesWithItsBindingAndTimes() {
        String text = new TrustToken(BINDING, 100, 200).sign(keys);
        assertThat(TrustToken.verify(text, keys)).contains(new TrustToken(BINDING, 100, 200));
    }

    @Test
    void aTokenStaysValidAfterTheActiveKeyChangesWhileItsKeyRemains() {
        String text = new TrustToken(BINDING, 100, 200).sign(keys);
        keys.rotate();
        assertThat(TrustToken.verify(text, keys)).isPresent();
        keys.forget("kid-0");
        assertThat(TrustToken.verify(text, keys)).isEmpty();
    }

    @Test
    void anyChangedCharacterOrForeignKeyIsRefused() {
        String text = new TrustToken(BINDING, 100, 200).sign(keys);
        for (int i = 0; i < text.length(); i++) {
            char replaced = text.charAt(i) == 'A' ? 'B' : 'A';
            String changed = text.substring(0, i) + replaced + text.substring(i + 1);
            assertThat(TrustToken.verify(changed, keys)).as("changed at %d", i).isEmpty();
        }
        assertThat(TrustToken.verify(text, new FakeKeys("another realm"))).isEmpty();
        assertThat(TrustToken.verify(null, keys)).isEmpty();
        assertThat(TrustToken.verify("v1.a.b", keys)).isEmpty();
        assertThat(TrustToken.verify("x".repeat(5000), keys)).isEmpty();
    }

    @Test
    void theRefusalNamesWhatNoLongerMatches() {
        TrustToken token = new TrustToken(BINDING, 100, Long.MAX_VALUE);
        assertThat(TrustedBrowsers.refusal(token, BINDING, 0)).isNull();
        assertThat(TrustedBrowsers.refusal(token, new TrustBinding("realm-2", "user-1", "cred-1", "hash",
                "1700000000000", "0"), 0)).contains("another user or realm");
        assertThat(TrustedBrowsers.refusal(token, new TrustBinding("realm-1", "user-1", "cred-1", "hash",
                "1700000000001", "0"), 0)).contains("password");
        assertThat(TrustedBrowsers.refusal(token, BINDING, 100)).contains("signed out");
        assertThat(TrustedBrowsers.refusal(new TrustToken(BINDING, 100, 101), BINDING, 0)).isEqualTo("expired");
    }
}
