package io.github.smsotp.it.stubs;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.smsotp.it.harness.KeycloakServer;

/**
 * The gateway stub as one realm sees it: the realm's senders post to a path of its own, so that what
 * other tests' realms sent (some of it after their pages were answered) never counts here.
 */
public record RealmGateway(KeycloakServer server, String realm) {

    String path() {
        return "/" + realm;
    }

    /** The sender settings that point the realm's SMS step (and its enrollment) at this path. */
    public Map<String, String> settings() {
        server.gateway().isolate(path());
        return Map.of("http.url", "http://127.0.0.1:" + server.gateway().port() + path());
    }

    public List<GatewayStub.Received> to(String number) {
        return server.gateway().to(number, path());
    }

    public List<GatewayStub.Received> all() {
        return server.gateway().at(path());
    }

    /** The newest code sent to {@code number}, once one has arrived. */
    public String awaitCode(String number) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !to(number).isEmpty());
        List<GatewayStub.Received> sms = to(number);
        return sms.get(sms.size() - 1).code();
    }

    /** Waits until {@code count} messages to {@code number} have arrived. */
    public void awaitCount(String number, int count) {
        await().atMost(Duration.ofSeconds(60)).until(() -> to(number).size() >= count);
    }
}
