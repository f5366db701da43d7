package io.github.smsotp.sender.log;

import io.github.smsotp.sender.SmsSender;
import io.github.smsotp.sender.SmsSenderFactory;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Environment;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderFactory;

public class LogSmsSenderFactory implements SmsSenderFactory {

    public static final String PROVIDER_ID = "log";

    private static final Logger LOG = Logger.getLogger(LogSmsSenderFactory.class);

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
     * Without {@code --spi-sms-sender--provider-default} Keycloak makes the factory of highest
     * positive order the default sender. It decides when it builds the server, and the build runs
     * with the mode's profile ({@code kc.profile}: {@code dev} for {@code start-dev}, {@code prod}
     * for {@code build} and {@code start}). So the simulation is the default in development mode
     * only, where a fresh install should work without a gateway; a production server has no default
     * sender until the operator chooses one, and a step without a sender is refused.
     */
    @Override
    public int order() {
        return Environment.isDevMode() ? 1 : 0;
    }

    /** In production mode the simulation must never pass unnoticed: it leaks codes and delivers nothing. */
    @Override
    public void postInit(KeycloakSessionFactory factory) {
        if (Environment.isDevMode()) {
            return;
        }
        ProviderFactory<SmsSender> serverDefault = factory.getProviderFactory(SmsSender.class);
        if (serverDefault != null && PROVIDER_ID.equals(serverDefault.getId())) {
            LOG.warn("The server's default SMS sender is 'log' in production mode: every SMS step that names no "
                    + "sender of its own prints codes and full phone numbers to this log and delivers NO SMS. Choose a "
                    + "real sender with --spi-sms-sender--provider-default=<id> (a build option).");
        } else {
            LOG.warn("The 'log' SMS sender is enabled in production mode: an SMS step whose sender is 'log' prints "
                    + "codes and full phone numbers to this log and delivers NO SMS. If no realm should use it, "
                    + "disable it with --spi-sms-sender--log--enabled=false (a build option).");
        }
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
