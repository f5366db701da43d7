package io.github.smsotp.sender.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

import io.github.smsotp.config.ConfigReader;
import io.github.smsotp.config.InvalidConfigException;
import io.github.smsotp.sender.SmsMessage;
import org.junit.jupiter.api.Test;

class HttpGatewaySettingsTest {

    private static final SmsMessage MESSAGE = new SmsMessage("+12015550123", "123456 is your \"code\"\n& more");

    @Test
    void jsonBodyEscapesTheValues() {
        HttpRequest request = settings(Map.of("url", "https://gw.example/send")).toRequest(MESSAGE);

        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.headers().firstValue("Content-Type")).contains("application/json; charset=UTF-8");
        assertThat(body(request)).isEqualTo("{\"to\":\"+12015550123\",\"text\":\"123456 is your \\\"code\\\"\\n& more\"}");
        assertThat(request.timeout()).contains(Duration.ofMillis(5000));
    }

    @Test
    void formBodyIsUrlEncodedAndCarriesTheAuthHeader() {
        HttpRequest request = settings(Map.of("url", "https://gw.example/send", "format", "form",
                "template", "dest={{to}}&msg={{text}}&sender=ACME", "auth-header", "X-Api-Key",
                "auth-value", "s3cret")).toRequest(MESSAGE);

        assertThat(body(request)).isEqualTo("dest=%2B12015550123&msg=123456+is+your+%22code%22%0A%26+more&sender=ACME");
        assertThat(request.headers().firstValue("X-Api-Key")).contains("s3cret");
    }

    @Test
    void queryFormatPutsTheValuesInTheUrl() {
        HttpRequest request = settings(Map.of("url", "https://gw.example/send?key=1", "format", "query",
                "method", "get")).toRequest(MESSAGE);

        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.uri().toString())
                .isEqualTo("https://gw.example/send?key=1&to=%2B12015550123&text=123456+is+your+%22code%22%0A%26+more");
    }

    @Test
    void badSettingsNameTheirKey() {
        assertInvalid(Map.of(), "http.url");
        assertInvalid(Map.of("url", "ftp://gw.example"), "http.url");
        assertInvalid(Map.of("url", "not a url"), "http.url");
        assertInvalid(Map.of("url", "https://gw.example", "method", "DELETE"), "http.method");
        assertInvalid(Map.of("url", "https://gw.example", "method", "GET"), "http.method");
        assertInvalid(Map.of("url", "https://gw.example", "format", "xml"), "http.format");
        assertInvalid(Map.of("url", "https://gw.example", "template", "{\"to\":\"{{to}}\"}"), "http.template");
        assertInvalid(Map.of("url", "https://gw.example", "timeout-ms", "0"), "http.timeout-ms");
    }

    @Test
    void partsAUrlOrAHeaderCannotHoldNameTheirKeyInsteadOfFailingTheSend() {
        assertInvalid(Map.of("url", "http:///no-host"), "http.url");
        assertInvalid(Map.of("url", "https://gw.example", "format", "query",
                "template", "to={{to}}&text={{text}}&note=two words"), "http.template");
        assertInvalid(Map.of("url", "https://gw.example", "format", "query", "template", "text={{text}}&x=<y>"),
                "http.template");
        assertInvalid(Map.of("url", "https://gw.example", "auth-header", "X Api Key", "auth-value", "k"),
                "http.auth-header");
        assertInvalid(Map.of("url", "https://gw.example", "auth-header", "Host", "auth-value", "k"), "http.auth-header");
        assertInvalid(Map.of("url", "https://gw.example", "auth-value", "Bearer t\r\nX-Injected: yes"),
                "http.auth-value");
    }

    @Test
    void aBadSecretIsNotRepeatedInTheError() {
        assertThatThrownBy(() -> settings(Map.of("url", "https://gw.example", "auth-value", "s3cret\nmore")))
                .hasMessageContaining("'http.auth-value'").hasMessageNotContaining("s3cret");
    }

    @Test
    void aQueryTemplateWithEncodedLiteralsIsFine() {
        HttpRequest request = settings(Map.of("url", "https://gw.example/send", "format", "query",
                "template", "to={{to}}&text={{text}}&note=two%20words")).toRequest(MESSAGE);

        assertThat(request.uri().getRawQuery()).endsWith("&note=two%20words");
    }

    @Test
    void absentSettingsComeFromTheServerWideDefaults() {
        ConfigReader reader = ConfigReader.of(Map.of("http.method", "put")).scoped("http", v -> v,
                key -> key.equals("url") ? "https://server-default.example/send" : null);

        HttpRequest request = HttpGatewaySettings.from(reader).toRequest(MESSAGE);
        assertThat(request.uri().toString()).isEqualTo("https://server-default.example/send");
        assertThat(request.method()).isEqualTo("PUT");
    }

    @Test
    void theSecretStaysOutOfToString() {
        assertThat(settings(Map.of("url", "https://gw.example/send", "auth-value", "s3cret")).toString())
                .doesNotContain("s3cret");
        assertThat(MESSAGE.toString()).doesNotContain("123456").doesNotContain("2015550123");
    }

    private static void assertInvalid(Map<String, String> values, String key) {
        assertThatThrownBy(() -> settings(values)).isInstanceOf(InvalidConfigException.class)
                .extracting(e -> ((InvalidConfigException) e).key()).isEqualTo(key);
    }

    private static HttpGatewaySettings settings(Map<String, String> values) {
        Map<String, String> scoped = new HashMap<>();
        values.forEach((k, v) -> scoped.put("http." + k, v));
        return HttpGatewaySettings.from(ConfigReader.of(scoped).scoped("http", v -> v, key -> null));
    }

    private static String body(HttpRequest request) {
        CompletableFuture<String> result = new CompletableFuture<>();
        StringBuilder out = new StringBuilder();
        request.bodyPublisher().orElseThrow().subscribe(new Flow.Subscriber<ByteBuffer>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                out.append(StandardCharsets.UTF_8.decode(item));
            }

            @Override
            public void onError(Throwable throwable) {
                result.completeExceptionally(throwable);
            }

            @Override
            public void onComplete() {
                result.complete(out.toString());
            }
        });
        return result.join();
    }
}
