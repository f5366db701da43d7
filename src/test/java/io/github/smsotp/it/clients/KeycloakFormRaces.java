package io.github.smsotp.it.clients;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.smsotp.it.clients.Browser.Page;
import io.github.smsotp.it.harness.KeycloakServer;

/**
 * Keycloak's own answer to requests that race on one login with copies of its cookies. Keycloak
 * 26.7's {@code AuthenticationProcessor.Result.form()} reads the message forwarded from a bounced
 * request twice; when a racing request removes it in between, the login page renders a message
 * without text and fails with HTTP 500. 26.5 and 26.7 log {@code ==> message.summary} (FreeMarker's
 * null check); 26.4 logs {@code Can not escape null value} ({@code kcSanitize} of the same null). That
 * is Keycloak's, whatever step renders the page (its own OTP form alike). A race test notes every
 * answer here and checks at the end that each server error it met is one of those.
 */
public final class KeycloakFormRaces {

    private static final List<String> SIGNATURES = List.of("==> message.summary", "Can not escape null value");

    private final List<KeycloakServer> servers;
    private final int logMarksBefore;
    private final AtomicInteger serverErrors = new AtomicInteger();

    /** @param servers the nodes the racers post to */
    public KeycloakFormRaces(KeycloakServer... servers) {
        this.servers = List.of(servers);
        this.logMarksBefore = marks();
    }

    Page note(Page answer) {
        if (answer.status() >= 500) {
            serverErrors.incrementAndGet();
        }
        return answer;
    }

    public void assertAllExplained() {
        int explained = marks() - logMarksBefore;
        if (serverErrors.get() > 0) {
            System.out.printf("Racers met %d server errors; Keycloak's forwarded-message race logged %d%n",
                    serverErrors.get(), explained);
        }
        assertThat(serverErrors.get()).as("server errors not explained by Keycloak's form race")
                .isLessThanOrEqualTo(explained);
    }

    private int marks() {
        int count = 0;
        for (KeycloakServer server : servers) {
            String log = server.log();
            for (String signature : SIGNATURES) {
                for (int at = log.indexOf(signature); at >= 0; at = log.indexOf(signature, at + 1)) {
                    count++;
                }
            }
        }
        return count;
    }
}
