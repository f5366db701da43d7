package io.github.smsotp.it.clients;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The flows of the phone-as-identity entry points, added to a test realm's representation as an
 * admin sets them up: sign-in by phone number, password reset by SMS, registration with a number.
 * The SMS steps use the test realm's step config ({@code sms-otp-it}: the gateway stub).
 */
public final class IdentityFlows {

    private IdentityFlows() {
    }

    /**
     * Makes "phone browser" the realm's browser flow: cookie, then phone sign-in and the username and
     * password form (with the SMS step) as alternatives, in the order asked.
     */
    public static void phoneSignIn(ObjectNode realm, boolean phoneFirst) {
        ObjectNode flow = flow(realm, "phone browser", "basic-flow", true);
        ArrayNode executions = flow.putArray("authenticationExecutions");
        step(executions, "auth-cookie", "ALTERNATIVE", 10);
        ObjectNode phone = step(executions, "sms-otp-phone-login", "ALTERNATIVE", phoneFirst ? 20 : 40);
        phone.put("authenticatorConfig", "sms-otp-it");
        subflow(executions, "browser with sms forms", "ALTERNATIVE", 30);
        realm.put("browserFlow", "phone browser");
    }

    /**
     * The realm's direct grant flow, as an admin could set it up by mistake: Keycloak's username and
     * password checks, then {@code authenticator}, one of our browser-only steps; the test client may
     * use the direct grant.
     */
    public static void directGrantWith(ObjectNode realm, String authenticator) {
        ArrayNode executions = flow(realm, "direct grant with " + authenticator, "basic-flow", true)
                .putArray("authenticationExecutions");
        step(executions, "direct-grant-validate-username", "REQUIRED", 10);
        step(executions, "direct-grant-validate-password", "REQUIRED", 20);
        step(executions, authenticator, "REQUIRED", 30).put("authenticatorConfig", "sms-otp-it");
        realm.put("directGrantFlow", "direct grant with " + authenticator);
        allowDirectGrants(realm);
    }

    private static void allowDirectGrants(ObjectNode realm) {
        for (var client : realm.withArray("clients")) {
            if (client.path("clientId").asText().equals("it-app")) {
                ((ObjectNode) client).put("directAccessGrantsEnabled", true);
            }
        }
    }

    /** The direct grant by phone number and code alone, for the test app. */
    public static void directGrantByPhone(ObjectNode realm) {
        ArrayNode executions = flow(realm, "direct grant by phone", "basic-flow", true).putArray("authenticationExecutions");
        step(executions, "sms-otp-direct-grant-phone", "REQUIRED", 10).put("authenticatorConfig", "sms-otp-it");
        realm.put("directGrantFlow", "direct grant by phone");
        allowDirectGrants(realm);
    }

    /**
     * The direct grant by phone number and code, or else (a request without a number) by username,
     * password and the SMS second factor, for the test app: the two as alternatives of one flow.
     */
    public static void directGrantByPhoneOrPassword(ObjectNode realm) {
        ArrayNode top = flow(realm, "direct grant phone or password", "basic-flow", true).putArray("authenticationExecutions");
        step(top, "sms-otp-direct-grant-phone", "ALTERNATIVE", 10).put("authenticatorConfig", "sms-otp-it");
        subflow(top, "direct grant password and sms", "ALTERNATIVE", 20);
        ArrayNode password = flow(realm, "direct grant password and sms", "basic-flow", false)
                .putArray("authenticationExecutions");
        step(password, "direct-grant-validate-username", "REQUIRED", 10);
        step(password, "direct-grant-validate-password", "REQUIRED", 20);
        step(password, "sms-otp-direct-grant", "REQUIRED", 30).put("authenticatorConfig", "sms-otp-it");
        realm.put("directGrantFlow", "direct grant phone or password");
        allowDirectGrants(realm);
    }

    /** "Forgot password?" on, by an SMS code instead of the e-mail link. */
    public static void resetBySms(ObjectNode realm) {
        realm.put("resetPasswordAllowed", true);
        ArrayNode executions = flow(realm, "sms reset", "basic-flow", true).putArray("authenticationExecutions");
        step(executions, "reset-credentials-choose-user", "REQUIRED", 10);
        step(executions, "sms-otp-reset-code", "REQUIRED", 20).put("authenticatorConfig", "sms-otp-it");
        step(executions, "reset-password", "REQUIRED", 30);
        realm.put("resetCredentialsFlow", "sms reset");
    }

    /**
     * Registration on, with the number's form action after Keycloak's own, and the user profile's
     * {@code phoneNumber} declared for users to type at registration (and only there).
     */
    public static void registrationWithPhone(ObjectNode realm) {
        realm.put("registrationAllowed", true);
        ArrayNode top = flow(realm, "sms registration", "basic-flow", true).putArray("authenticationExecutions");
        subflow(top, "sms registration form", "REQUIRED", 10).put("authenticator", "registration-page-form");
        ArrayNode form = flow(realm, "sms registration form", "form-flow", false).putArray("authenticationExecutions");
        int priority = 10;
        for (String action : List.of("registration-user-creation", "registration-password-action",
                "sms-otp-registration-phone")) {
            step(form, action, "REQUIRED", priority += 10);
        }
        realm.put("registrationFlow", "sms registration");
        declarePhoneNumber(realm);
    }

    /**
     * Makes "step-up browser" the realm's browser flow, the step-up recipe of docs/TRUST-AND-STEP-UP.md: level 1 is the
     * password and the SMS step (trusted browsers may answer it), level 2 a fresh SMS code (max age 0),
     * with the ACR names {@code standard} and {@code fresh-sms}.
     */
    public static void stepUp(ObjectNode realm) {
        ArrayNode top = flow(realm, "step-up browser", "basic-flow", true).putArray("authenticationExecutions");
        step(top, "auth-cookie", "ALTERNATIVE", 10);
        subflow(top, "step-up forms", "ALTERNATIVE", 20);
        ArrayNode forms = flow(realm, "step-up forms", "basic-flow", false).putArray("authenticationExecutions");
        subflow(forms, "level 1", "CONDITIONAL", 10);
        subflow(forms, "level 2", "CONDITIONAL", 20);
        ArrayNode level1 = flow(realm, "level 1", "basic-flow", false).putArray("authenticationExecutions");
        condition(realm, level1, "conditional-level-of-authentication", "level 1 condition",
                Map.of("loa-condition-level", "1", "loa-max-age", "36000"));
        step(level1, "auth-username-password-form", "REQUIRED", 20);
        step(level1, "sms-otp-code", "REQUIRED", 30).put("authenticatorConfig", "sms-otp-it");
        ArrayNode level2 = flow(realm, "level 2", "basic-flow", false).putArray("authenticationExecutions");
        condition(realm, level2, "conditional-level-of-authentication", "level 2 condition",
                Map.of("loa-condition-level", "2", "loa-max-age", "0"));
        step(level2, "sms-otp-code", "REQUIRED", 20).put("authenticatorConfig", "sms-otp-it");
        realm.withObject("/attributes").put("acr.loa.map", "{\"standard\":1,\"fresh-sms\":2}");
        realm.put("browserFlow", "step-up browser");
    }

    /** Makes "sms for a role" the realm's browser flow: the password, then the SMS step for members of {@code role} only. */
    public static void smsForRole(ObjectNode realm, String role) {
        smsUnderCondition(realm, "conditional-user-role", Map.of("condUserRole", role));
        realm.withObject("/roles").withArray("realm").addObject().put("name", role);
    }

    /**
     * Makes "sms under a condition" the realm's browser flow, asking the code where the login's client
     * scopes include {@code scope} (a client scope the test creates once the realm exists).
     */
    public static void smsForClientScope(ObjectNode realm, String scope) {
        smsUnderCondition(realm, "conditional-client-scope", Map.of("client_scope", scope));
    }

    private static void smsUnderCondition(ObjectNode realm, String condition, Map<String, String> config) {
        ArrayNode top = flow(realm, "sms under a condition", "basic-flow", true).putArray("authenticationExecutions");
        step(top, "auth-cookie", "ALTERNATIVE", 10);
        subflow(top, "sms under a condition forms", "ALTERNATIVE", 20);
        ArrayNode forms = flow(realm, "sms under a condition forms", "basic-flow", false)
                .putArray("authenticationExecutions");
        step(forms, "auth-username-password-form", "REQUIRED", 10);
        subflow(forms, "sms when the condition holds", "CONDITIONAL", 20);
        ArrayNode conditional = flow(realm, "sms when the condition holds", "basic-flow", false)
                .putArray("authenticationExecutions");
        condition(realm, conditional, condition, "sms condition", config);
        step(conditional, "sms-otp-code", "REQUIRED", 20).put("authenticatorConfig", "sms-otp-it");
        realm.put("browserFlow", "sms under a condition");
    }

    private static void condition(ObjectNode realm, ArrayNode executions, String authenticator, String alias,
                                  Map<String, String> config) {
        step(executions, authenticator, "REQUIRED", 10).put("authenticatorConfig", alias);
        ObjectNode values = realm.withArray("authenticatorConfig").addObject().put("alias", alias).putObject("config");
        config.forEach(values::put);
    }

    private static void declarePhoneNumber(ObjectNode realm) {
        for (JsonNode component : realm.path("components").path("org.keycloak.userprofile.UserProfileProvider")) {
            ArrayNode values = (ArrayNode) component.path("config").path("kc.user.profile.config");
            ObjectNode profile = (ObjectNode) JsonHttp.read(values.get(0).asText());
            ObjectNode phone = profile.withArray("attributes").addObject();
            phone.put("name", "phoneNumber").put("displayName", "${smsOtpPhoneLabel}").put("multivalued", false);
            phone.putObject("permissions").<ObjectNode>set("view", JsonHttp.read("[\"admin\",\"user\"]"))
                    .set("edit", JsonHttp.read("[\"admin\",\"user\"]"));
            phone.putObject("validations").putObject("sms-otp-number-changes-by-code");
            phone.putObject("annotations").put("inputType", "html5-tel");
            values.removeAll();
            values.add(profile.toString());
        }
    }

    private static ObjectNode flow(ObjectNode realm, String alias, String type, boolean topLevel) {
        return realm.withArray("authenticationFlows").addObject().put("alias", alias).put("providerId", type)
                .put("topLevel", topLevel).put("builtIn", false);
    }

    private static ObjectNode step(ArrayNode executions, String authenticator, String requirement, int priority) {
        return executions.addObject().put("authenticator", authenticator).put("requirement", requirement)
                .put("priority", priority).put("authenticatorFlow", false).put("userSetupAllowed", false);
    }

    private static ObjectNode subflow(ArrayNode executions, String alias, String requirement, int priority) {
        return executions.addObject().put("flowAlias", alias).put("requirement", requirement)
                .put("priority", priority).put("authenticatorFlow", true).put("userSetupAllowed", false);
    }
}
