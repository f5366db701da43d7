package io.github.smsotp.sender.log;

import io.github.smsotp.sender.SmsSender;
import io.github.smsotp.sender.SmsSenderFactory;
import org.keycloak.models.KeycloakSession;

public class LogSmsSenderFactory implements SmsSenderFactory {

    public static final String PROVIDER_ID = "log";

    private static final LogSmsSender INSTANCE = new LogSmsSender();

    @Override
    public SmsSender create(KeycloakSession session) {
        return INSTANCE;
    }

    @Override
    public String getDisplayName() {
        return "Log (simulation: codes are printed to the server log, no SMS is sent)";
    }

    /**
     * Without server configuration Keycloak uses the factory of highest order as the default
     * sender; the simulation wins so that a fresh install works without a gateway.
     * Operators choose another with {@code --spi-sms-sender--provider-default=<id>}.
     */
    @Override
    public int order() {
        return 1;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
