package io.github.smsotp.it.clients;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.github.smsotp.it.clients.Browser.Page;
import io.github.smsotp.it.harness.KeycloakServer;

/** A user signing in with a phone number and a code, in a browser of their own. */
public final class PhoneSignIn {

    public static final String NUMBER_FORM = "kc-sms-otp-phone-login-form";
    public static final String CODE_FORM = "kc-sms-otp-form";

    private final KeycloakServer server;
    private final String realm;
    private final Browser browser;

    public PhoneSignIn(KeycloakServer server, String realm) {
        this(server, realm, new Browser());
    }

    public PhoneSignIn(KeycloakServer server, String realm, Browser browser) {
        this.server = server;
        this.realm = realm;
        this.browser = browser;
    }

    public Browser browser() {
        return browser;
    }

    /** The realm's login page for the test client: with a phone sign-in flow, the number page. */
    public Page start() {
        return start("openid");
    }

    public Page start(String scope) {
        Page page = browser.get(server.baseUrl() + "/realms/" + realm + "/protocol/openid-connect/auth?client_id=it-app"
                + "&response_type=code&scope=" + scope.replace(" ", "%20") + "&state=it&redirect_uri=" + Browser.CALLBACK);
        assertThat(page.status()).as(page.text()).isEqualTo(200);
        return page;
    }

    public Page number(Page page, String typed) {
        return browser.submit(page, NUMBER_FORM, Map.of("phone", typed));
    }

    public Page code(Page page, String code) {
        return browser.submit(page, CODE_FORM, Map.of("code", code));
    }
}
