package io.github.smsotp.it;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The flows of the phone-as-identity entry points, added to a test realm's representation as an
 * admin sets them up: sign-in by phone number, password reset by SMS, registration with a number.
 * The SMS steps use the test realm's step config ({@code sms-otp-it}: the gateway stub).
 */
final class IdentityFlows {

    private IdentityFlows() {
    }

    /**
     * Makes "phone browser" the realm's browser flow: cookie, then phone sign-in and the username and
     * password form (with the SMS step) as alternatives, in the order asked.
     */
    static void phoneSignIn(ObjectNode realm, boolean phoneFirst) {
        ObjectNode flow = flow(realm, "phone browser", "basic-flow", true);
        ArrayNode executions = flow.putArray("authenticationExecutions");
        step(executions, "auth-cookie", "ALTERNATIVE", 10);
        ObjectNode phone = step(executions, "sms-otp-phone-login", "ALTERNATIVE", phoneFirst ? 20 : 40);
        phone.put("authenticatorConfig", "sms-otp-it");
        subflow(executions, "browser with sms forms", "ALTERNATIVE", 30);
        realm.put("browserFlow", "phone browser");
    }

    /** "Forgot password?" on, by an SMS code instead of the e-mail link. */
    static void resetBySms(ObjectNode realm) {
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
    static void registrationWithPhone(ObjectNode realm) {
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
