package io.github.smsotp.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.smsotp.it.Browser.Page;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The SMS step and Keycloak's own OTP form leave the realm's brute-force detection in the same
 * state: one user signs in with SMS codes, another with TOTP codes, each after two wrong codes,
 * three times in a row, and the admin's lockout status of the two is compared field by field.
 */
@ExtendWith(KeycloakExtension.class)
class OtpFormParityIT {

    private static final String SMS_USER = "user34";
    private static final String TOTP_USER = "user35";

    private final KeycloakServer server;
    private final AdminApi admin;

    OtpFormParityIT(KeycloakServer server) {
        this.server = server;
        this.admin = new AdminApi(server);
    }

    @Test
    void twoWrongCodesThenTheRightOneLeaveTheSameCountsAsKeycloaksOtpForm() {
        signInThreeTimesAndCompare("sms-parity", false);
    }

    @Test
    void withPermanentLockoutGoodSignInsNeverAddUpToALock() {
        signInThreeTimesAndCompare("sms-parity-permanent", true);
    }

    private void signInThreeTimesAndCompare(String realm, boolean permanentLockout) {
        // A 5 s TOTP period: each sign-in gets a fresh code soon (Keycloak refuses a used one).
        KeycloakOtpForm otpForm = new KeycloakOtpForm(5);
        admin.createRealm(realm, Map.of("attempts-per-code", "5", "lockout-after-failures", "0"),
                otpForm.addTo().andThen(r -> {
                    r.put("bruteForceProtected", true).put("failureFactor", 30).put("quickLoginCheckMilliSeconds", 0)
                            .put("permanentLockout", permanentLockout);
                    if (permanentLockout && KeycloakServer.atLeast(26, 7)) {
                        // Since 26.7: a separate limit on second-factor failures, checked even across good logins.
                        r.put("maxSecondaryAuthFailures", 5);
                    }
                }));
        String lastTotp = null;
        for (int round = 1; round <= 3; round++) {
            SmsLogin sms = new SmsLogin(server, realm, SMS_USER, null);
            Page page = sms.codePage();
            List<GatewayStub.Received> sent = server.gateway().to(sms.phone());
            String code = sent.get(sent.size() - 1).code();
            page = sms.enter(page, SmsCodeLoginIT.otherThan(code));
            page = sms.enter(page, SmsCodeLoginIT.otherThan(code));
            awaitFailures(realm, SMS_USER, 2);
            Page smsDone = sms.enter(page, code);
            assertThat(smsDone.loggedIn()).as("round %d, SMS step: %s", round, smsDone.text()).isTrue();
            awaitFailures(realm, SMS_USER, 0);

            SmsLogin totp = new SmsLogin(server, realm, TOTP_USER, null);
            Page otpPage = KeycloakOtpForm.codePage(totp);
            String previous = lastTotp;
            String fresh = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(otpForm::currentCode, c -> !c.equals(previous));
            otpPage = KeycloakOtpForm.enter(totp, otpPage, SmsCodeLoginIT.otherThan(fresh));
            otpPage = KeycloakOtpForm.enter(totp, otpPage, SmsCodeLoginIT.otherThan(fresh));
            awaitFailures(realm, TOTP_USER, 2);
            Page totpDone = KeycloakOtpForm.enter(totp, otpPage, fresh);
            lastTotp = fresh;
            assertThat(totpDone.loggedIn()).as("round %d, OTP form: %s", round, totpDone.text()).isTrue();
            awaitFailures(realm, TOTP_USER, 0);

            Map<String, String> smsState = lockoutState(realm, SMS_USER);
            Map<String, String> totpState = lockoutState(realm, TOTP_USER);
            System.out.printf("%s round %d: SMS step %s, OTP form %s%n", realm, round, smsState, totpState);
            assertThat(smsState).as("round %d", round).isEqualTo(totpState);
        }
    }

    /**
     * Keycloak records failures and successes on a background executor: waits until the user's
     * count of failures is {@code expected}, so that the wrong codes, then the success, have been
     * recorded before anything is compared.
     */
    private void awaitFailures(String realm, String username, int expected) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> admin.bruteForceStatus(realm, username).path("numFailures").asInt(), n -> n == expected);
    }

    /** The fields of the admin console's brute-force status that a lockout depends on. */
    private Map<String, String> lockoutState(String realm, String username) {
        JsonNode status = admin.bruteForceStatus(realm, username);
        // numSecondaryAuthFailures exists since 26.7; on 26.5 both users lack it alike.
        return Map.of("numFailures", status.path("numFailures").asText(),
                "numSecondaryAuthFailures", status.path("numSecondaryAuthFailures").asText("absent"),
                "disabled", status.path("disabled").asText());
    }
}
