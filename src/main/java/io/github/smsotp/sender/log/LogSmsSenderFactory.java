package io.github.smsotp.sender.log;

import java.util.Optional;

import io.github.smsotp.sender.SmsSender;
import io.github.smsotp.sender.SmsSenderFactory;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.common.util.Environment;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderFactory;

public class LogSmsSenderFactory implements SmsSenderFactory {

    public static final String PROVIDER_ID = "log";
    /** The operator's option that lets realms use the simulation in production mode. */
    static final String ALLOW_IN_PRODUCTION = "allow-in-production";
    static final String OPTION = "--spi-sms-sender--log--" + ALLOW_IN_PRODUCTION + "=true";

    private boolean allowedInProduction;

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

    @Override
    public void init(Config.Scope config) {
        allowedInProduction = config.getBoolean(ALLOW_IN_PRODUCTION, false);
    }

    /**
     * A realm admin must not be able to turn a production server into one that prints codes and full
     * numbers, enough to finish phone sign-ins, to its log: there, only the operator can allow it.
     */
    @Override
    public Optional<String> refusal() {
        if (Environment.isDevMode() || allowedInProduction) {
            return Optional.empty();
        }
        return Optional.of("names the 'log' sender, which prints codes and full phone numbers to the server log and "
                + "sends no SMS: in production mode it needs the operator's option " + OPTION);
    }

    /** In production mode the simulation must never pass unnoticed: it leaks codes and delivers nothing. */
    @Override
    public void postInit(KeycloakSessionFactory factory) {
        if (Environment.isDevMode()) {
            return;
        }
        if (!allowedInProduction) {
            LOG.infof("The 'log' SMS sender is refused in production mode: a step that names it is not available "
                    + "until the operator allows it with %s", OPTION);
            return;
        }
        ProviderFactory<SmsSender> serverDefault = factory.getProviderFactory(SmsSender.class);
        if (serverDefault != null && PROVIDER_ID.equals(serverDefault.getId())) {
            LOG.warn("The server's default SMS sender is 'log' in production mode: every SMS step that names no "
                    + "sender of its own prints codes and full phone numbers to this log and delivers NO SMS. Choose a "
                    + "real sender with --spi-sms-sender--provider-default=<id> (a build option).");
        } else {
            LOG.warnf("The 'log' SMS sender is allowed in production mode (%s): an SMS step whose sender is 'log' "
                    + "prints codes and full phone numbers to this log and delivers NO SMS.", OPTION);
        }
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
