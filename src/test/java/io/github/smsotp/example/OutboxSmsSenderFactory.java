package io.github.smsotp.example;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import io.github.smsotp.config.ConfigReader;
import io.github.smsotp.sender.SmsMessage;
import io.github.smsotp.sender.SmsSendException;
import io.github.smsotp.sender.SmsSender;
import io.github.smsotp.sender.SmsSenderFactory;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;

/**
 * A minimal third-party sender, as docs/WRITING-A-SENDER.md shows it: it appends each message as one line to
 * a file (server option {@code --spi-sms-sender--outbox--file}). The build packs it into its own
 * JAR, which the integration tests install next to the extension.
 */
public class OutboxSmsSenderFactory implements SmsSenderFactory, SmsSender {

    private Path outbox;

    @Override
    public void init(Config.Scope config) {
        outbox = Path.of(config.get("file", "sms-outbox.txt"));
    }

    @Override
    public SmsSender create(KeycloakSession session) {
        return this;
    }

    @Override
    public void send(SmsMessage message, ConfigReader settings) throws SmsSendException {
        String line = message.to() + "\t" + message.text().replace('\n', ' ') + "\n";
        try {
            Files.writeString(outbox, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new SmsSendException("outbox " + outbox + " not writable: " + e.getClass().getSimpleName());
        }
    }

    @Override
    public String getDisplayName() {
        return "Outbox file (example)";
    }

    @Override
    public String getId() {
        return "outbox";
    }

    /** Both interfaces have a default close(); one class serving as both must pick. */
    @Override
    public void close() {
        // nothing to release
    }

}
