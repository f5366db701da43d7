package io.github.smsotp.sender.log;

import io.github.smsotp.config.ConfigReader;
import io.github.smsotp.sender.SmsMessage;
import io.github.smsotp.sender.SmsSender;
import org.jboss.logging.Logger;

/**
 * Simulation sender for demos and development: writes the whole message, code included, to the
 * server log instead of sending it. The only place in the extension that ever prints a code.
 */
public class LogSmsSender implements SmsSender {

    /** How each of its lines starts: the lines that hold a code by design. */
    public static final String SIMULATED = "SIMULATED SMS (log sender, nothing was delivered)";

    private static final Logger LOG = Logger.getLogger(LogSmsSender.class);

    @Override
    public void send(SmsMessage message, ConfigReader settings) {
        LOG.warnf(SIMULATED + " to %s: %s", message.to(), message.text());
    }
}
