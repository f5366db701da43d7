package io.github.smsotp.sender.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.github.smsotp.config.ConfigReader;
import io.github.smsotp.config.InvalidConfigException;
import io.github.smsotp.sender.SmsMessage;
import io.github.smsotp.sender.SmsSendException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each provider preset against a loopback stub that checks the request shape the provider
 * documents and answers with the provider's documented success and error bodies.
 */
class GatewayPresetTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SmsMessage MESSAGE = new SmsMessage("+12015550123", "483920 is your code");

    private HttpServer stub;
    private String method;
    private String path;
    private Map<String, String> headers;
    private String body;
    private int answerStatus;
    private String answerBody;
    /** As {@link HttpChannel} builds it: the exchanges run on the client's own executor. */
    private final ExecutorService exchanges = Executors.newCachedThreadPool();
    private final HttpSmsSender sender = new HttpSmsSender(HttpClient.newBuilder().executor(exchanges).build(),
            AllowedHosts.parse(null, "--spi-sms-sender--http--allowed-hosts"));

    @BeforeEach
    void startStub() throws IOException {
        stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        stub.createContext("/", exchange -> {
            method = exchange.getRequestMethod();
            path = exchange.getRequestURI().getPath();
            headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
            body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            byte[] answer = answerBody.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answerStatus, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        stub.start();
    }

    @AfterEach
    void stopStub() {
        stub.stop(0);
        exchanges.shutdownNow();
    }

    @Test
    void twilioGetsAFormWithBasicAuth() throws Exception {
        answer(201, "{\"sid\":\"SM1\",\"status\":\"queued\"}");
        sender.send(MESSAGE, settings("twilio", Map.of("account", "AC123", "auth-value", "tok", "from", "+15005550006")));

        assertThat(method).isEqualTo("POST");
        assertThat(path).isEqualTo("/2010-04-01/Accounts/AC123/Messages.json");
        assertThat(headers.get("authorization")).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString("AC123:tok".getBytes(StandardCharsets.UTF_8)));
        assertThat(form()).containsEntry("To", "+12015550123").containsEntry("From", "+15005550006")
                .containsEntry("Body", "483920 is your code");

        answer(400, "{\"code\":21211,\"message\":\"The 'To' number +12015550123 is not a valid phone number.\","
                + "\"status\":400}");
        assertRefusal("twilio", Map.of("account", "AC123", "auth-value", "tok", "from", "+15005550006"),
                "refused (HTTP 400): The 'To' number \u2022\u2022\u2022 is not a valid phone number.");
    }

    @Test
    void vonageGetsKeyAndSecretAndIsReadFromTheBodyEvenOnHttp200() throws Exception {
        Map<String, String> config = Map.of("account", "key1", "auth-value", "secret1", "from", "Acme");
        answer(200, "{\"message-count\":\"1\",\"messages\":[{\"to\":\"12015550123\",\"message-id\":\"0A\",\"status\":\"0\"}]}");
        sender.send(MESSAGE, settings("vonage", config));

        assertThat(path).isEqualTo("/sms/json");
        assertThat(form()).containsEntry("api_key", "key1").containsEntry("api_secret", "secret1")
                .containsEntry("from", "Acme").containsEntry("to", "12015550123")
                .containsEntry("text", "483920 is your code").doesNotContainKey("type");

        answer(200, "{\"message-count\":\"1\",\"messages\":[{\"status\":\"4\",\"error-text\":\"Bad Credentials\"}]}");
        assertRefusal("vonage", config, "refused (HTTP 200): Bad Credentials");
    }

    @Test
    void infobipGetsItsJsonWithAnAppKey() throws Exception {
        Map<String, String> config = Map.of("auth-value", "k3y", "from", "InfoSMS");
        answer(200, "{\"bulkId\":\"b\",\"messages\":[{\"messageId\":\"m\",\"status\":{\"groupName\":\"PENDING\"}}]}");
        sender.send(MESSAGE, settings("infobip", config));

        assertThat(path).isEqualTo("/sms/2/text/advanced");
        assertThat(headers.get("authorization")).isEqualTo("App k3y");
        JsonNode sms = JSON.readTree(body).path("messages").path(0);
        assertThat(sms.path("destinations").path(0).path("to").asText()).isEqualTo("12015550123");
        assertThat(sms.path("from").asText()).isEqualTo("InfoSMS");
        assertThat(sms.path("text").asText()).isEqualTo("483920 is your code");

        answer(401, "{\"requestError\":{\"serviceException\":{\"messageId\":\"UNAUTHORIZED\","
                + "\"text\":\"Invalid login details\"}}}");
        assertRefusal("infobip", config, "refused (HTTP 401): Invalid login details");
    }

    @Test
    void messageBirdGetsItsJsonWithAnAccessKey() throws Exception {
        Map<String, String> config = Map.of("auth-value", "live_abc", "from", "Acme");
        answer(201, "{\"id\":\"e8077d803532c0b5937c639b60216938\",\"recipients\":{\"totalCount\":1}}");
        sender.send(MESSAGE, settings("messagebird", config));

        assertThat(path).isEqualTo("/messages");
        assertThat(headers.get("authorization")).isEqualTo("AccessKey live_abc");
        JsonNode sms = JSON.readTree(body);
        assertThat(sms.path("recipients").path(0).asText()).isEqualTo("12015550123");
        assertThat(sms.path("originator").asText()).isEqualTo("Acme");
        assertThat(sms.path("body").asText()).isEqualTo("483920 is your code");

        answer(401, "{\"errors\":[{\"code\":2,\"description\":\"Request not allowed (incorrect access_key)\","
                + "\"parameter\":\"access_key\"}]}");
        assertRefusal("messagebird", config, "refused (HTTP 401): Request not allowed (incorrect access_key)");
    }

    @Test
    void theWebhookGetsPlainJsonAndABearerToken() throws Exception {
        answer(202, "");
        sender.send(MESSAGE, settings("webhook", Map.of("auth-value", "t0k")));

        assertThat(headers.get("authorization")).isEqualTo("Bearer t0k");
        assertThat(JSON.readTree(body).path("to").asText()).isEqualTo("+12015550123");
        assertThat(JSON.readTree(body).path("text").asText()).isEqualTo("483920 is your code");

        answer(503, "{\"error\":\"maintenance\"}");
        assertRefusal("webhook", Map.of(), "refused (HTTP 503): maintenance");
    }

    @Test
    void aPresetWithoutItsCredentialsNamesTheMissingKey() {
        assertThatThrownBy(() -> sender.send(MESSAGE, settings("twilio", Map.of("auth-value", "t", "from", "x"))))
                .hasMessageContaining("'http.account'");
    }

    @Test
    void presetValuesThatWouldBreakTheRequestAreRefusedBeforeSending() {
        Map<String, String> twilio = Map.of("auth-value", "tok", "from", "+15005550006");
        assertInvalid(settings("twilio", with(twilio, "account", "AC12/../../x")), "http.account");
        assertInvalid(settings("twilio", with(twilio, "account", "AC12 34")), "http.account");
        assertInvalid(settings("infobip", Map.of("auth-value", "k\r\nX: y", "from", "Acme")), "http.auth-value");
        assertInvalid(with(settings("infobip", Map.of("auth-value", "k", "from", "Acme")), "ftp://127.0.0.1:9"),
                "http.url");
        assertInvalid(with(settings("webhook", Map.of()), "not a url"), "http.url");
        assertInvalid(settings("vonage", Map.of("account", "key", "auth-value", "secret")), "http.from");
        assertThat(method).as("nothing was sent").isNull();
    }

    @Test
    void validSettingsPassTheCheck() {
        sender.validate(settings("twilio", Map.of("account", "AC123", "auth-value", "tok", "from", "+15005550006")));
        sender.validate(settings("webhook", Map.of()));
    }

    private void assertInvalid(ConfigReader settings, String key) {
        assertThatThrownBy(() -> sender.validate(settings)).isInstanceOf(InvalidConfigException.class)
                .extracting(e -> ((InvalidConfigException) e).key()).isEqualTo(key);
        assertThatThrownBy(() -> sender.send(MESSAGE, settings)).isInstanceOf(InvalidConfigException.class);
    }

    private static Map<String, String> with(Map<String, String> values, String key, String value) {
        Map<String, String> changed = new HashMap<>(values);
        changed.put(key, value);
        return changed;
    }

    /** The settings with another base URL. */
    private static ConfigReader with(ConfigReader settings, String url) {
        Map<String, String> config = new HashMap<>();
        for (String key : new String[] {"preset", "account", "auth-value", "from"}) {
            settings.get(key).ifPresent(v -> config.put("http." + key, v));
        }
        config.put("http.url", url);
        return ConfigReader.of(config).scoped("http", v -> v, key -> null);
    }

    private void assertRefusal(String preset, Map<String, String> config, String reason) {
        assertThatThrownBy(() -> sender.send(MESSAGE, settings(preset, config)))
                .isInstanceOf(SmsSendException.class)
                .hasMessageContaining(reason)
                .hasMessageContaining("+1 \u2022\u2022\u2022 \u2022\u2022\u2022 0123")
                .hasMessageNotContaining("483920").hasMessageNotContaining("2015550123");
    }

    private void answer(int status, String json) {
        answerStatus = status;
        answerBody = json;
    }

    private Map<String, String> form() {
        Map<String, String> fields = new HashMap<>();
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            fields.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return fields;
    }

    private ConfigReader settings(String preset, Map<String, String> values) {
        Map<String, String> config = new HashMap<>();
        values.forEach((k, v) -> config.put("http." + k, v));
        config.put("http.preset", preset);
        config.put("http.url", "http://127.0.0.1:" + stub.getAddress().getPort());
        return ConfigReader.of(config).scoped("http", v -> v, key -> null);
    }
}
