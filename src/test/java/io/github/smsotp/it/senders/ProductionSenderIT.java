package io.github.smsotp.it.senders;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.smsotp.it.clients.AdminApi;
import io.github.smsotp.it.clients.Browser.Page;
import io.github.smsotp.it.clients.Browser;
import io.github.smsotp.it.clients.SmsLogin;
import io.github.smsotp.it.harness.KeycloakExtension;
import io.github.smsotp.it.harness.KeycloakServer;
import io.github.smsotp.it.operations.DevModeIT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The shared test server runs in production mode ({@code kc.sh start}): there the log sender is
 * never chosen by itself. A step that names no sender is refused until the operator picks one.
 * (Development mode keeps the log sender as the default: {@link DevModeIT}.)
 */
@ExtendWith(KeycloakExtension.class)
public class ProductionSenderIT {

    private static final String REALM = "sms-no-sender";
    private static final String PHONE = "+12015558821";
    private static final String OWN_SENDER_PHONE = "+12015558822";

    private final KeycloakServer server;

    ProductionSenderIT(KeycloakServer server) {
        this.server = server;
    }

    @Test
    void aStepWithoutASenderIsRefusedAndTheLogSaysWhatToSet() {
        new AdminApi(server).createRealm(REALM, Map.of(), realm -> {
            for (JsonNode config : realm.withArray("authenticatorConfig")) {
                ((ObjectNode) config.path("config")).remove("sender");
            }
            for (JsonNode user : realm.withArray("users")) {
                if (user.path("username").asText().equals("user21")) {
                    ((ObjectNode) user).putObject("attributes").putArray("phone_number").add(PHONE);
                }
            }
        });

        Page page = new SmsLogin(server, REALM, "user21", null).passwordStep("it-app");

        assertThat(page.status()).isBetween(400, 499);
        assertThat(page.text()).contains("Sign-in with an SMS code is not available right now.");
        assertThat(page.loggedIn()).isFalse();
        assertThat(server.log()).contains("SMS step in realm '" + REALM + "' is misconfigured: SMS OTP setting "
                + "'sender' is empty and the server has no default SMS sender: name one in the step's 'sender' "
                + "setting, or build the server with --spi-sms-sender--provider-default=<id> "
                + "(installed: http, log, outbox, sns)");
        assertThat(server.gateway().to(PHONE)).isEmpty();
        assertThat(server.log()).as("nothing printed for this number").doesNotContain(PHONE);
    }

    /**
     * The realm's SMS tab may leave the sender empty where each step names its own: a realm like that
     * imports (as with {@code --import-realm} at start-up) and its step sends through its own sender.
     */
    @Test
    void aRealmWhoseTabLeavesTheSenderEmptyImportsAndItsStepSendsThroughItsOwn() {
        String realmName = "sms-tab-without-sender";
        new AdminApi(server).createRealm(realmName, Map.of(), realm -> {
            ObjectNode tab = realm.withObject("/components").putArray(AdminApi.TAB_COMPONENT).addObject();
            tab.put("name", "SMS").put("providerId", "SMS").putObject("config").putArray("code-length").add("6");
            for (JsonNode user : realm.withArray("users")) {
                if (user.path("username").asText().equals("user22")) {
                    ((ObjectNode) user).putObject("attributes").putArray("phone_number").add(OWN_SENDER_PHONE);
                }
            }
        });

        new SmsLogin(server, realmName, "user22", null).codePage();

        assertThat(server.gateway().to(OWN_SENDER_PHONE)).hasSize(1);
    }

    @Test
    void startUpWarnsThatTheLogSenderPrintsCodesWhereTheOperatorAllowedIt() {
        assertThat(server.log()).contains("The 'log' SMS sender is allowed in production mode "
                + "(--spi-sms-sender--log--allow-in-production=true)");
    }
}
