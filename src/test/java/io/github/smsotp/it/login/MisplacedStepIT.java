package io.github.smsotp.it.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.smsotp.it.clients.AdminApi;
import io.github.smsotp.it.clients.IdentityFlows;
import io.github.smsotp.it.clients.JsonHttp;
import io.github.smsotp.it.clients.SmsLogin;
import io.github.smsotp.it.harness.KeycloakExtension;
import io.github.smsotp.it.harness.KeycloakServer;
import io.github.smsotp.it.stubs.RealmGateway;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our steps show pages. One that an admin put into the direct grant flow answers an app's token
 * requests with an OAuth error in JSON, sends nothing however often the app asks, and tells the
 * admin once what to change. (Before: HTTP 200 with the HTML code page, and an SMS per request.)
 */
@ExtendWith(KeycloakExtension.class)
public class MisplacedStepIT {

    private static final String USER = "user44";
    /** What the log tells the admin to use instead, by the misplaced step. */
    private static final Map<String, String> INSTEAD = Map.of(
            "sms-otp-code", "In the direct grant flow, use 'sms-otp-direct-grant'",
            "sms-otp-phone-login", "In the direct grant flow, use 'sms-otp-direct-grant-phone'",
            "sms-otp-reset-code", "Keep it in its browser flow");

    private final KeycloakServer server;

    MisplacedStepIT(KeycloakServer server) {
        this.server = server;
    }

    @ParameterizedTest
    @ValueSource(strings = {"sms-otp-code", "sms-otp-phone-login", "sms-otp-reset-code"})
    void aBrowserStepInTheDirectGrantAnswersAnOauthErrorAndSendsNothing(String step) {
        String realm = AdminApi.uniqueRealmName("sms-direct-grant");
        RealmGateway gateway = new RealmGateway(server, realm);
        new AdminApi(server).createRealm(realm, gateway.settings(), r -> IdentityFlows.directGrantWith(r, step));
        SmsLogin login = new SmsLogin(server, realm, USER, null);

        // What an app might send: no code, Keycloak's own OTP parameter, and a guess at ours.
        for (String extra : List.of("", "&otp=123456", "&sms_otp=123456")) {
            HttpResponse<String> answer = tokenRequest(realm, login.password(), extra);

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
            assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("application/json"));
            JsonNode error = JsonHttp.read(answer.body());
            assertThat(error.path("error").asText()).isEqualTo("invalid_request");
            assertThat(error.path("error_description").asText()).contains("needs a browser");
            assertThat(error.has("access_token")).isFalse();
        }

        assertThat(gateway.all()).as("no SMS for any of the token requests").isEmpty();
        String told = "The step '" + step + "' in flow 'direct grant with " + step + "' of realm '" + realm + "'";
        assertThat(Pattern.compile(Pattern.quote(told)).matcher(server.log()).results().count())
                .as("the admin is told once").isEqualTo(1);
        assertThat(server.log()).contains(told + " answered a token request (grant_type=password) with an error: it "
                + "shows pages, so it works in browser flows only. " + INSTEAD.get(step));
    }

    private HttpResponse<String> tokenRequest(String realm, String password, String extra) {
        String form = "grant_type=password&client_id=it-app&username=" + USER + "&password=" + password + extra;
        return JsonHttp.send(HttpRequest.newBuilder(
                        URI.create(server.baseUrl() + "/realms/" + realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }
}
