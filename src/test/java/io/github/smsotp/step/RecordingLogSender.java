package io.github.smsotp.step;

import java.util.ArrayList;
import java.util.List;

import io.github.smsotp.config.ConfigReader;
import io.github.smsotp.sender.SmsMessage;
import io.github.smsotp.sender.SmsSendException;
import io.github.smsotp.sender.SmsSender;
import io.github.smsotp.sender.log.LogSmsSenderFactory;

/** The project's log sender, keeping what it was given, so that a test can type the code the "phone" got. */
final class RecordingLogSender implements SmsSender {

    private final SmsSender log = new LogSmsSenderFactory().create(null);
    private final List<SmsMessage> sent = new ArrayList<>();

    @Override
    public void send(SmsMessage message, ConfigReader settings) throws SmsSendException {
        sent.add(message);
        log.send(message, settings);
    }

    List<SmsMessage> sent() {
        return sent;
    }
}
