package io.github.smsotp.sender.http;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.github.smsotp.config.ConfigReader;
import io.github.smsotp.sender.SmsMessage;

/**
 * The validated per-realm settings of the HTTP sender, and how they turn a message into a request.
 */
record HttpGatewaySettings(URI url, String method, GatewayFormat format, String template,
                           String authHeader, Optional<String> authValue, Duration timeout) {

    static final String URL = "url";
    static final String METHOD = "method";
    static final String FORMAT = "format";
    static final String TEMPLATE = "template";
    static final String AUTH_HEADER = "auth-header";
    static final String AUTH_VALUE = "auth-value";
    static final String TIMEOUT = "timeout-ms";

    static final int DEFAULT_TIMEOUT_MS = 5000;

    static HttpGatewaySettings from(ConfigReader settings) {
        URI url = RequestParts.httpUrl(settings, URL, settings.require(URL));
        String method = settings.choice(METHOD, "post", Set.of("post", "put", "get")).toUpperCase(Locale.ROOT);
        GatewayFormat format = GatewayFormat.valueOf(
                settings.choice(FORMAT, "json", Set.of("json", "form", "query")).toUpperCase(Locale.ROOT));
        if ("GET".equals(method) && format != GatewayFormat.QUERY) {
            throw settings.invalid(METHOD, "GET can only be used with the 'query' format");
        }
        String template = settings.get(TEMPLATE, format.defaultTemplate());
        if (!template.contains("{{text}}")) {
            throw settings.invalid(TEMPLATE, "must contain the {{text}} placeholder");
        }
        if (format == GatewayFormat.QUERY) {
            RequestParts.queryTemplate(settings, TEMPLATE, url, template);
        }
        String authHeader = RequestParts.headerName(settings, AUTH_HEADER, settings.get(AUTH_HEADER, "Authorization"));
        Optional<String> authValue = settings.get(AUTH_VALUE)
                .map(value -> RequestParts.headerValue(settings, AUTH_VALUE, value));
        return new HttpGatewaySettings(url, method, format, template, authHeader, authValue,
                Duration.ofMillis(settings.intIn(TIMEOUT, DEFAULT_TIMEOUT_MS, 100, 60_000)));
    }

    HttpRequest toRequest(SmsMessage message) {
        String rendered = format.render(template, message.to(), message.text());
        HttpRequest.Builder request = HttpRequest.newBuilder().timeout(timeout);
        if (format == GatewayFormat.QUERY) {
            String separator = url.getRawQuery() == null ? "?" : "&";
            request.uri(URI.create(url + separator + rendered)).method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.uri(url).header("Content-Type", format.contentType() + "; charset=UTF-8")
                    .method(method, HttpRequest.BodyPublishers.ofString(rendered));
        }
        authValue.ifPresent(value -> request.header(authHeader, value));
        return request.build();
    }

    @Override
    public String toString() {
        // The auth value is a secret.
        return "HttpGatewaySettings[url=" + url.getScheme() + "://" + url.getAuthority() + ", method=" + method
                + ", format=" + format + "]";
    }
}
