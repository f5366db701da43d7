package io.github.smsotp.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code kc.sh start-dev}, as the demo runs it, on a copy of the distribution (the shared test server
 * keeps its optimized production build): the log sender stays the default, so a fresh realm works
 * without a gateway and the code is printed to the console.
 */
class DevModeIT {

    /** The demo realm with no sender named anywhere, under a name of its own. */
    private static final String REALM = "sms-dev";
    private static final String PHONE = "+12015550124";

    private static GatewayStub gateway;
    private static KeycloakServer server;

    @BeforeAll
    static void startDevServer() throws Exception {
        Path dir = KeycloakServer.runDir().resolve("dev");
        Path home = dir.resolve("keycloak");
        TestFiles.deleteTree(home);
        TestFiles.copyTree(KeycloakServer.distribution(), home);
        gateway = new GatewayStub();
        server = new KeycloakServer(home, dir.resolve("keycloak-dev.log"), gateway);
        server.installProviders();
        server.clearImports();
        Path demo = KeycloakServer.projectDir().resolve("realm-export/sms-demo-realm.json");
        server.importRealm(demo);
        server.importRealm(senderless(demo, dir.resolve(REALM + ".json")));
        server.startDev("--db=dev-mem", "--health-enabled=true", "--import-realm");
    }

    @AfterAll
    static void stopDevServer() throws Exception {
        if (server != null) {
            server.stop();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void aStepWithoutASenderPrintsTheCodeToTheConsole() {
        DemoRealmIT.signsInWithTheCodeFromTheConsole(server, REALM, PHONE);
        assertThat(gateway.all()).isEmpty();
    }

    @Test
    void theDemoRealmSignsInWithTheCodeFromTheConsole() {
        DemoRealmIT.signsInWithTheCodeFromTheConsole(server, "sms-demo", "+12015550123");
    }

    @Test
    void developmentModeStartsWithoutTheProductionWarning() {
        assertThat(server.log()).doesNotContain("SMS sender is enabled in production mode");
    }

    /** Writes the demo realm renamed, its users' numbers changed and every {@code sender} removed. */
    private static Path senderless(Path demo, Path target) throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode realm = (ObjectNode) json.readTree(Files.readString(demo).replace("sms-demo", REALM));
        for (JsonNode config : realm.withArray("authenticatorConfig")) {
            ((ObjectNode) config.path("config")).remove("sender");
        }
        for (JsonNode action : realm.withArray("requiredActions")) {
            if (action.path("config").isObject()) {
                ((ObjectNode) action.path("config")).remove("sender");
            }
        }
        for (JsonNode user : realm.withArray("users")) {
            if (user.path("attributes").has("phone_number")) {
                ((ObjectNode) user.path("attributes")).putArray("phone_number").add(PHONE);
            }
        }
        Files.createDirectories(target.getParent());
        Files.writeString(target, json.writerWithDefaultPrettyPrinter().writeValueAsString(realm));
        return target;
    }
}
