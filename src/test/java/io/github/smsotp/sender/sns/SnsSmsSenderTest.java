package io.github.smsotp.sender.sns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import io.github.smsotp.config.ConfigReader;
import io.github.smsotp.config.InvalidConfigException;
import io.github.smsotp.sender.SmsMessage;
import io.github.smsotp.sender.SmsSendException;
import io.github.smsotp.sender.sns.SnsStub.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The real AWS SDK against a loopback endpoint that speaks the SNS Query protocol. */
class SnsSmsSenderTest {

    private static final SmsMessage MESSAGE = new SmsMessage("+12015550123", "483920 is your code");

    private final SnsStub stub = startStub();
    private final SnsSmsSenderFactory factory = new SnsSmsSenderFactory();

    @AfterEach
    void stop() {
        factory.close();
        stub.close();
    }

    @Test
    void publishesATransactionalSmsSignedWithSigV4() throws Exception {
        factory.create(null).send(MESSAGE, settings(Map.of("sender-id", "Acme")));

        SnsStub.Publish publish = stub.received().get(0);
        assertThat(publish.parameters()).containsEntry("Action", "Publish").containsEntry("Version", "2010-03-31")
                .containsEntry("PhoneNumber", "+12015550123").containsEntry("Message", "483920 is your code");
        assertThat(attributes(publish)).containsEntry("AWS.SNS.SMS.SMSType", "Transactional")
                .containsEntry("AWS.SNS.SMS.SenderID", "Acme");
        assertThat(publish.authorization()).startsWith("AWS4-HMAC-SHA256 Credential=AKIAEXAMPLE/")
                .contains("/eu-west-1/sns/aws4_request");
    }

    @Test
    void throttlingIsRetriedOnceThenAFailure() {
        stub.answer(Answer.THROTTLING);

        assertThatThrownBy(() -> factory.create(null).send(MESSAGE, settings(Map.of())))
                .isInstanceOf(SmsSendException.class).hasMessageContaining("SNS refused (Throttling): Rate exceeded");
        assertThat(stub.received()).hasSize(2);
    }

    @Test
    void anErrorNamesSnsReasonWithoutTheNumberOrTheCode() {
        stub.answer(Answer.INVALID_PARAMETER);

        assertThatThrownBy(() -> factory.create(null).send(MESSAGE, settings(Map.of())))
                .isInstanceOf(SmsSendException.class)
                .hasMessageContaining("SNS refused (InvalidParameter): Invalid parameter: PhoneNumber")
                .hasMessageContaining("(to +1 \u2022\u2022\u2022 \u2022\u2022\u2022 0123)")
                .hasMessageNotContaining("2015550123").hasMessageNotContaining("483920");
        assertThat(stub.received()).hasSize(1);
    }

    @Test
    void anUnreachableEndpointIsASendFailure() {
        Map<String, String> config = new HashMap<>();
        config.put("sns.region", "eu-west-1");
        config.put("sns.access-key", "AKIAEXAMPLE");
        config.put("sns.secret-key", "secret");
        config.put("sns.endpoint", "http://127.0.0.1:9");
        ConfigReader unreachable = ConfigReader.of(config).scoped("sns", v -> v, key -> null);

        assertThatThrownBy(() -> factory.create(null).send(MESSAGE, unreachable))
                .isInstanceOf(SmsSendException.class).hasMessageContaining("SNS could not be reached");
    }

    @Test
    void halfACredentialPairNamesTheMissingKey() {
        ConfigReader half = ConfigReader.of(Map.of("sns.region", "eu-west-1", "sns.access-key", "AKIA"))
                .scoped("sns", v -> v, key -> null);

        assertThatThrownBy(() -> factory.create(null).send(MESSAGE, half)).hasMessageContaining("'sns.secret-key'");
    }

    @Test
    void aRegionOrEndpointTheSdkWouldTakeBlindlyNamesItsKey() {
        assertInvalid(Map.of("sns.region", "EU West 1"), "sns.region");
        assertInvalid(Map.of("sns.region", "eu-west-1", "sns.endpoint", "not a url"), "sns.endpoint");
        assertInvalid(Map.of("sns.region", "eu-west-1", "sns.endpoint", "ftp://127.0.0.1:9"), "sns.endpoint");
        assertInvalid(Map.of("sns.region", "eu-west-1", "sns.endpoint", "127.0.0.1:9"), "sns.endpoint");
        assertInvalid(Map.of("sns.region", "eu-west-1", "sns.timeout-ms", "10"), "sns.timeout-ms");
        factory.create(null).validate(scoped(Map.of("sns.region", "us-gov-west-1", "sns.endpoint", stub.endpoint())));
    }

    @Test
    void rotatingTheSecretReplacesTheClientInsteadOfAddingOneEachTime() throws Exception {
        for (int rotation = 0; rotation < 3 * SnsSmsSenderFactory.MAX_CLIENTS; rotation++) {
            factory.create(null).send(MESSAGE, settings(Map.of("secret-key", "rotated-secret-" + rotation)));
        }

        assertThat(stub.received()).hasSize(3 * SnsSmsSenderFactory.MAX_CLIENTS);
        assertThat(factory.clientCount()).isEqualTo(SnsSmsSenderFactory.MAX_CLIENTS);
    }

    private void assertInvalid(Map<String, String> config, String key) {
        assertThatThrownBy(() -> factory.create(null).validate(scoped(config)))
                .isInstanceOf(InvalidConfigException.class)
                .extracting(e -> ((InvalidConfigException) e).key()).isEqualTo(key);
    }

    private static ConfigReader scoped(Map<String, String> config) {
        return ConfigReader.of(config).scoped("sns", v -> v, key -> null);
    }

    private ConfigReader settings(Map<String, String> extra) {
        Map<String, String> config = new HashMap<>();
        config.put("sns.region", "eu-west-1");
        config.put("sns.access-key", "AKIAEXAMPLE");
        config.put("sns.secret-key", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        extra.forEach((k, v) -> config.put("sns." + k, v));
        config.put("sns.endpoint", stub.endpoint());
        return ConfigReader.of(config).scoped("sns", v -> v, key -> null);
    }

    /** The message attributes as name to string value (the Query protocol flattens the map). */
    private static Map<String, String> attributes(SnsStub.Publish publish) {
        Map<String, String> attributes = new HashMap<>();
        for (int i = 1; publish.parameters().containsKey("MessageAttributes.entry." + i + ".Name"); i++) {
            attributes.put(publish.parameters().get("MessageAttributes.entry." + i + ".Name"),
                    publish.parameters().get("MessageAttributes.entry." + i + ".Value.StringValue"));
        }
        return attributes;
    }

    private static SnsStub startStub() {
        try {
            return new SnsStub();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
