package io.github.smsotp.it.clients;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.smsotp.it.clients.Browser.Page;
import io.github.smsotp.it.harness.KeycloakServer;
import io.github.smsotp.it.stubs.RealmGateway;

/** Someone signing up with a mobile number on the registration page of a realm that confirms it by code. */
public final class Registration {

    public static final String REGISTER_FORM = "kc-register-form";
    public static final String CODE_FORM = "kc-sms-otp-form";

    private Registration() {
    }

    /**
     * Creates a test realm with registration on: its user profile declares phoneNumber (users type it
     * at registration, and only there), and the registration form ends with the number's form action;
     * {@code enrollment} goes into the enrollment action's config, {@code tweak} changes anything else.
     */
    public static void realm(KeycloakServer server, String name, Map<String, String> enrollment, Consumer<ObjectNode> tweak) {
        Map<String, String> gateway = new RealmGateway(server, name).settings();
        new AdminApi(server).createRealm(name, gateway, r -> {
            Map<String, String> settings = new HashMap<>(enrollment);
            settings.putAll(gateway);
            AdminApi.enrollmentConfig(r, settings);
            IdentityFlows.registrationWithPhone(r);
            tweak.accept(r);
        });
    }

    /** Fills in and sends the registration form: the next page is the code page, or the form with errors. */
    public static Page register(KeycloakServer server, Browser browser, String realm, String username, String number) {
        Page login = browser.get(server.baseUrl() + "/realms/" + realm + "/protocol/openid-connect/auth?client_id=it-app"
                + "&response_type=code&scope=openid%20phone&state=it&redirect_uri=" + Browser.CALLBACK);
        Page form = browser.get(login.html().select("a[href*=login-actions/registration]").first().absUrl("href"));
        assertThat(form.has("#" + REGISTER_FORM)).as(form.text()).isTrue();
        assertThat(form.has("input[name=phoneNumber]")).as("the number field").isTrue();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("username", username);
        fields.put("email", username + "@example.org");
        fields.put("firstName", "New");
        fields.put("lastName", "Comer");
        fields.put("password", "a-long-password-1");
        fields.put("password-confirm", "a-long-password-1");
        fields.put("phoneNumber", number);
        return browser.submit(form, REGISTER_FORM, fields);
    }
}
