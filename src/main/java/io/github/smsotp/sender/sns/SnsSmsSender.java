package io.github.smsotp.sender.sns;

import java.util.HashMap;
import java.util.Map;

import io.github.smsotp.config.ConfigReader;
import io.github.smsotp.sender.ProviderReason;
import io.github.smsotp.sender.SmsMessage;
import io.github.smsotp.sender.SmsSendException;
import io.github.smsotp.sender.SmsSender;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishRequest;
import software.amazon.awssdk.services.sns.model.SnsException;

/** Publishes the text straight to the number with SNS, as a transactional SMS. */
class SnsSmsSender implements SmsSender {

    private final SnsSmsSenderFactory factory;

    SnsSmsSender(SnsSmsSenderFactory factory) {
        this.factory = factory;
    }

    @Override
    public void validate(ConfigReader settings) {
        SnsSettings.from(settings);
    }

    @Override
    public void send(SmsMessage message, ConfigReader settings) throws SmsSendException {
        SnsSettings sns = SnsSettings.from(settings);
        Map<String, MessageAttributeValue> attributes = new HashMap<>();
        attributes.put("AWS.SNS.SMS.SMSType", text("Transactional"));
        sns.senderId().ifPresent(id -> attributes.put("AWS.SNS.SMS.SenderID", text(id)));
        sns.originationNumber().ifPresent(number -> attributes.put("AWS.MM.SMS.OriginationNumber", text(number)));
        PublishRequest publish = PublishRequest.builder().phoneNumber(message.to()).message(message.text())
                .messageAttributes(attributes).build();
        try {
            factory.withClient(sns.clientKey(), client -> client.publish(publish));
        } catch (SnsException e) {
            String code = e.awsErrorDetails() == null ? "HTTP " + e.statusCode() : e.awsErrorDetails().errorCode();
            String reason = e.awsErrorDetails() == null ? "" : ": " + ProviderReason.forLog(e.awsErrorDetails().errorMessage());
            throw new SmsSendException("SNS refused (" + code + ")" + reason + " (to " + message.maskedTo() + ")");
        } catch (SdkClientException e) {
            throw new SmsSendException("SNS could not be reached within " + sns.timeout().toMillis() + " ms: "
                    + e.getClass().getSimpleName() + " (to " + message.maskedTo() + ")");
        }
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
