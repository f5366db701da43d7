package io.github.smsotp.it.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.smsotp.it.clients.AdminApi;
import io.github.smsotp.it.clients.Browser.Page;
import io.github.smsotp.it.clients.Browser;
import io.github.smsotp.it.clients.KeycloakOtpForm;
import io.github.smsotp.it.clients.SmsLogin;
import io.github.smsotp.it.harness.KeycloakExtension;
import io.github.smsotp.it.harness.KeycloakServer;
import io.github.smsotp.it.stubs.GatewayStub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The SMS step and Keycloak's own OTP form leave Keycloak in the same state: the realm's
 * brute-force detection (one user signs in with SMS codes, another with TOTP codes, each after two
 * wrong codes, three times in a row, and the admin's lockout status of the two is compared field
 * by field), and the record of which credential a login used, as conditions in a flow read it.
 */
@ExtendWith(KeycloakExtension.class)
public class OtpFormParityIT {

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

    /**
     * What the step reports as passed is what Keycloak's "Condition - credential" sees: a flow that
     * denies access unless a one-time code was used lets the SMS code count as one, as it does for
     * Keycloak's OTP form (both report "otp").
     */
    @Test
    void aFlowThatDeniesAccessWithoutAOneTimeCodeSeesTheSmsCodeAsOne() {
        String realm = "sms-parity-condition";
        KeycloakOtpForm otpForm = new KeycloakOtpForm(30);
        admin.createRealm(realm, Map.of(), otpForm.addTo().andThen(r -> {
            denyUnlessOneTimeCodeUsed(r, "sms-then-condition", "sms-otp-code", "sms-otp-it");
            denyUnlessOneTimeCodeUsed(r, "otp-then-condition", "auth-otp-form", null);
        }));

        SmsLogin sms = new SmsLogin(server, realm, SMS_USER, null);
        Page page = sms.passwordStep("sms-then-condition");
        List<GatewayStub.Received> sent = server.gateway().to(sms.phone());
        Page smsDone = sms.enter(page, sent.get(sent.size() - 1).code());
        assertThat(smsDone.loggedIn()).as("SMS step, then the condition: %s", smsDone.text()).isTrue();

        SmsLogin totp = new SmsLogin(server, realm, TOTP_USER, null);
        Page otpPage = totp.passwordStep("otp-then-condition");
        Page totpDone = KeycloakOtpForm.enter(totp, otpPage, otpForm.currentCode());
        assertThat(totpDone.loggedIn()).as("OTP form, then the condition: %s", totpDone.text()).isTrue();
    }

    /**
     * A client whose browser flow is the password, then {@code secondFactor}, then a conditional
     * sub-flow that denies access when no "otp" credential was used in the login.
     */
    private static void denyUnlessOneTimeCodeUsed(ObjectNode realm, String clientId, String secondFactor,
                                                  String secondFactorConfig) {
        String flowId = UUID.randomUUID().toString();
        ArrayNode flows = realm.withArray("authenticationFlows");
        ObjectNode flow = flows.addObject().put("id", flowId).put("alias", clientId).put("providerId", "basic-flow")
                .put("topLevel", true).put("builtIn", false);
        ArrayNode steps = flow.putArray("authenticationExecutions");
        steps.addObject().put("authenticator", "auth-username-password-form").put("requirement", "REQUIRED")
                .put("priority", 10).put("authenticatorFlow", false).put("userSetupAllowed", false);
        ObjectNode second = steps.addObject().put("authenticator", secondFactor).put("requirement", "REQUIRED")
                .put("priority", 20).put("authenticatorFlow", false).put("userSetupAllowed", false);
        if (secondFactorConfig != null) {
            second.put("authenticatorConfig", secondFactorConfig);
        }
        steps.addObject().put("requirement", "CONDITIONAL").put("priority", 30).put("authenticatorFlow", true)
                .put("flowAlias", clientId + " without otp").put("userSetupAllowed", false);
        ArrayNode condition = flows.addObject().put("alias", clientId + " without otp").put("providerId", "basic-flow")
                .put("topLevel", false).put("builtIn", false).putArray("authenticationExecutions");
        condition.addObject().put("authenticator", "conditional-credential").put("requirement", "REQUIRED")
                .put("priority", 10).put("authenticatorFlow", false).put("authenticatorConfig", clientId + " otp used");
        condition.addObject().put("authenticator", "deny-access-authenticator").put("requirement", "REQUIRED")
                .put("priority", 20).put("authenticatorFlow", false);
        realm.withArray("authenticatorConfig").addObject().put("alias", clientId + " otp used")
                .putObject("config").put("credentials", "otp").put("included", "false");
        ObjectNode client = realm.withArray("clients").addObject().put("clientId", clientId).put("enabled", true)
                .put("publicClient", true).put("standardFlowEnabled", true);
        client.putArray("redirectUris").add(Browser.CALLBACK);
        client.putObject("authenticationFlowBindingOverrides").put("browser", flowId);
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
            // Each wrong code waits until Keycloak has recorded it: two back to back were once recorded
            // as one on a loaded machine (Keycloak records them after the request, on a thread of its own).
            page = sms.enter(page, SmsCodeLoginIT.otherThan(code));
            awaitFailures(realm, SMS_USER, 1);
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
            awaitFailures(realm, TOTP_USER, 1);
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
