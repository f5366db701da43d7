package io.github.smsotp.it.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.smsotp.it.clients.AdminApi;
import io.github.smsotp.it.clients.Browser.Page;
import io.github.smsotp.it.clients.Browser;
import io.github.smsotp.it.clients.IdentityFlows;
import io.github.smsotp.it.clients.JsonHttp;
import io.github.smsotp.it.clients.PumpingAttack;
import io.github.smsotp.it.clients.Registration;
import io.github.smsotp.it.clients.SmsLogin;
import io.github.smsotp.it.clients.TokenRequests;
import io.github.smsotp.it.harness.KeycloakServer;
import io.github.smsotp.it.harness.LoopbackCluster;
import io.github.smsotp.it.harness.ReleaseMatrix;
import io.github.smsotp.it.stubs.GatewayStub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two Keycloak nodes on PostgreSQL losing one of them: restarted one at a time, as an upgrade
 * does, and killed ({@code kill -9}) in the middle of a sign-in. What the step keeps lives in
 * Keycloak's own replicated stores, so the limits' counts, the pumping guard's throttles and a
 * pending code stay with the node that is left.
 */
@Tag(ReleaseMatrix.NEWER_RELEASES)
@Order(Integer.MAX_VALUE - 1)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class ClusterNodeLossIT {

    private static final String REALM = "sms-node-loss";
    /** Two sends per number in ten minutes: the third tells whether the first two were counted. */
    private static final Map<String, String> SETTINGS = Map.of("resend-cooldown-seconds", "0",
            "sends-per-login", "10", "limit-number-sends-per-10-minutes", "2", "guard-block-sends", "2",
            "guard-country-sends", "0");
    private static final String BLOCK = "+371 2000 ";

    private static GatewayStub gateway;
    private static LoopbackCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        gateway = new GatewayStub();
        cluster = LoopbackCluster.startBehindOneAddress(KeycloakServer.runDir().resolve("cluster-node-loss"), gateway);
        Map<String, String> settings = new HashMap<>(SETTINGS);
        new AdminApi(cluster.node1()).createRealm(REALM, settings, realm -> {
            AdminApi.enrollmentConfig(realm, settings);
            IdentityFlows.registrationWithPhone(realm);
            IdentityFlows.directGrantWith(realm, "sms-otp-direct-grant");
        });
    }

    @AfterAll
    static void stopCluster() throws Exception {
        LoopbackCluster.close(cluster, gateway);
    }

    @Test
    @Order(1)
    void aRollingRestartKeepsTheLimitsCountsAndThePumpingGuardsThrottles() throws Exception {
        SmsLogin user = new SmsLogin(cluster.node1(), REALM, "user02", null);
        TokenRequests app = new TokenRequests(cluster.node2(), REALM, "it-app");
        for (int i = 0; i < 2; i++) {
            assertThat(app.password(user.username(), user.password()).error()).isEqualTo("sms_otp_required");
        }
        // Codes to numbers nobody has proven, none of them confirmed: the guard throttles their block.
        for (int i = 1; i <= 3; i++) {
            Registration.register(cluster.node1(), new Browser(), REALM, "newcomer" + i, BLOCK + String.format("%04d", i));
        }
        JsonNode throttled = throttles();
        assertThat(throttled.toString()).as("the guard throttles the block").contains("+371");

        cluster.restart(cluster.node1());
        cluster.restart(cluster.node2());

        TokenRequests.Answer third = new TokenRequests(cluster.node1(), REALM, "it-app")
                .password(user.username(), user.password());
        assertThat(third.error()).as("the number's third send in ten minutes: %s", third).isEqualTo("sms_otp_send_refused");
        assertThat(gateway.to(user.phone())).hasSize(2);
        assertThat(throttles()).as("the guard's throttles after both nodes restarted").isEqualTo(throttled);
        Page refused = Registration.register(cluster.node1(), new Browser(), REALM, "newcomer9", BLOCK + "0009");
        assertThat(refused.text()).contains(PumpingAttack.THROTTLED);
        assertThat(gateway.to("+37120000009")).isEmpty();
    }

    @Test
    @Order(2)
    void aNodeKilledAfterSendingTheCodeLeavesTheSignInToTheOther() {
        SmsLogin login = new SmsLogin(cluster.node1(), REALM, "user01", null);
        Page page = login.codePage();
        String code = gateway.to(login.phone()).get(0).code();

        cluster.kill(cluster.node1());
        String action = toNode2(page.form("kc-sms-otp-form").absUrl("action"));
        Page done = login.browser().post(action, Map.of("code", code));

        assertThat(done.loggedIn()).as(done.text()).isTrue();
        assertThat(gateway.to(login.phone())).as("no second SMS").hasSize(1);
        // The number's limit still counts node 1's send: one more, then none.
        TokenRequests app = new TokenRequests(cluster.node2(), REALM, "it-app");
        assertThat(app.password(login.username(), login.password()).error()).isEqualTo("sms_otp_required");
        TokenRequests.Answer refused = app.password(login.username(), login.password());
        assertThat(refused.error()).as(refused.toString()).isEqualTo("sms_otp_send_refused");
        assertThat(gateway.to(login.phone())).hasSize(2);
    }

    private static JsonNode throttles() {
        return JsonHttp.read(new AdminApi(cluster.node2()).sms(REALM, "GET", "guard", null).body());
    }

    private static String toNode2(String url) {
        return url.replace(":" + cluster.node1().httpPort() + "/", ":" + cluster.node2().httpPort() + "/");
    }
}
