package io.github.smsotp.it.clients;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.smsotp.it.clients.Browser.Page;

/**
 * Keycloak's own OTP form beside the SMS step in a test realm: a client whose browser flow is the
 * password form, then Keycloak's "OTP Form", and a TOTP credential for every user. A test does to
 * the OTP form exactly what it does to the SMS step, and compares.
 */
public final class KeycloakOtpForm {

    public static final String CLIENT = "otp-app";
    private static final String SECRET = "it-totp-secret-0123456789";

    private final int periodSeconds;

    /** @param periodSeconds the TOTP period of every user's authenticator app */
    public KeycloakOtpForm(int periodSeconds) {
        this.periodSeconds = periodSeconds;
    }

    /** Adds the flow, the client and the users' TOTP credentials to a realm representation. */
    public Consumer<ObjectNode> addTo() {
        return realm -> {
            String flowId = UUID.randomUUID().toString();
            ObjectNode flow = realm.withArray("authenticationFlows").addObject().put("id", flowId)
                    .put("alias", "browser with keycloak otp form").put("providerId", "basic-flow")
                    .put("topLevel", true).put("builtIn", false);
            ArrayNode executions = flow.putArray("authenticationExecutions");
            executions.addObject().put("authenticator", "auth-username-password-form").put("requirement", "REQUIRED")
                    .put("priority", 10).put("authenticatorFlow", false).put("userSetupAllowed", false);
            executions.addObject().put("authenticator", "auth-otp-form").put("requirement", "REQUIRED")
                    .put("priority", 20).put("authenticatorFlow", false).put("userSetupAllowed", false);
            ObjectNode client = realm.withArray("clients").addObject().put("clientId", CLIENT).put("enabled", true)
                    .put("publicClient", true).put("standardFlowEnabled", true);
            client.putArray("redirectUris").add(Browser.CALLBACK);
            client.putObject("authenticationFlowBindingOverrides").put("browser", flowId);
            for (JsonNode user : realm.withArray("users")) {
                Totp.addCredential((ArrayNode) user.withArray("credentials"), SECRET, periodSeconds);
            }
        };
    }

    /** What the user's authenticator app shows now. */
    public String currentCode() {
        return Totp.now(SECRET, periodSeconds);
    }

    /** The password submitted on the OTP form's client; asserts that Keycloak's OTP page is shown. */
    public static Page codePage(SmsLogin login) {
        Page page = login.passwordStep(CLIENT);
        assertThat(page.has("#kc-otp-login-form")).as("Keycloak's OTP page expected, got: %s", page.text()).isTrue();
        return page;
    }

    public static Page enter(SmsLogin login, Page page, String code) {
        return login.browser().submit(page, "kc-otp-login-form", Map.of("otp", code));
    }
}
