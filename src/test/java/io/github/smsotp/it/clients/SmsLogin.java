package io.github.smsotp.it.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.github.smsotp.it.clients.Browser.Page;
import io.github.smsotp.it.harness.KeycloakServer;
import org.jsoup.nodes.Element;

/** Drives a test realm's login as a user would, up to the SMS code page. */
public final class SmsLogin {

    public static final String REALM = "sms-it";

    private final KeycloakServer server;
    private final String realm;
    private final Browser browser;
    private final String username;

    public SmsLogin(KeycloakServer server, String username) {
        this(server, REALM, username, (String) null);
    }

    /**
     * @param clientAddress the address the user appears to come from (see {@link Browser}), or null
     */
    public SmsLogin(KeycloakServer server, String realm, String username, String clientAddress) {
        this(server, realm, username, new Browser(clientAddress));
    }

    private SmsLogin(KeycloakServer server, String realm, String username, Browser browser) {
        this.server = server;
        this.realm = realm;
        this.username = username;
        this.browser = browser;
    }

    /** The same user in a copy of this browser (the cookies as they are now). */
    public SmsLogin copy() {
        return new SmsLogin(server, realm, username, browser.copy());
    }

    public Browser browser() {
        return browser;
    }

    public String username() {
        return username;
    }

    /** The E.164 number the test realm gives this user (user07 has +12015551007). */
    public String phone() {
        return phoneOf(username);
    }

    public static String phoneOf(String username) {
        return "+1201555" + (1000 + Integer.parseInt(username.substring(4)));
    }

    public String password() {
        return username.startsWith("user") ? "pass-" + username.substring(4) : "pass-" + username;
    }

    /** Opens the login page of the given client and submits the user's password. */
    public Page passwordStep(String clientId) {
        return passwordStep(clientId, "openid");
    }

    /** As {@link #passwordStep(String)}, asking for the given scopes (space-separated). */
    public Page passwordStep(String clientId, String scope) {
        Page login = browser.get(server.baseUrl() + "/realms/" + realm + "/protocol/openid-connect/auth?client_id="
                + clientId + "&response_type=code&scope=" + scope.replace(" ", "%20") + "&state=it&redirect_uri="
                + Browser.CALLBACK);
        assertThat(login.status()).as(login.text()).isEqualTo(200);
        return browser.submit(login, "kc-form-login", Map.of("username", username, "password", password()));
    }

    /** Password submitted; asserts that the SMS code page is shown. */
    public Page codePage() {
        Page page = passwordStep("it-app");
        assertThat(page.has("#kc-sms-otp-form")).as("code page expected, got: %s", page.text()).isTrue();
        return page;
    }

    public Page enter(Page page, String code) {
        return browser.submit(page, "kc-sms-otp-form", Map.of("code", code));
    }

    public Page resend(Page page) {
        return browser.submit(page, "kc-sms-otp-resend-form", Map.of("resend", "true"));
    }

    /**
     * The browser's reload button. A page that came from a POST comes back as Keycloak's "page has
     * expired" with a link that runs the current step again; the user follows it.
     */
    public Page reload(Page page) {
        Page reloaded = browser.get(page.uri().toString());
        Element resume = reloaded.html().getElementById("loginContinueLink");
        return resume == null ? reloaded : browser.get(resume.absUrl("href"));
    }

    /**
     * The code page once a code went to {@code number}: presses "Send a new code" while the cooldown
     * of an earlier code of this login (to any number) lasts.
     */
    public Page awaitCodeTo(Page page, String number) {
        AtomicReference<Page> last = new AtomicReference<>(page);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (server.gateway().to(number).isEmpty()) {
                last.set(resend(last.get()));
            }
            return !server.gateway().to(number).isEmpty();
        });
        return last.get();
    }

    /** Posts to the page's SMS step whatever form is left on it (after errors the code form may be gone). */
    public Page post(Page page, Map<String, String> fields) {
        String formId = page.has("#kc-sms-otp-form") ? "kc-sms-otp-form" : "kc-sms-otp-resend-form";
        return browser.post(page.form(formId).absUrl("action"), fields);
    }
}
