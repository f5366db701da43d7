package io.github.smsotp.sender.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import io.github.smsotp.config.ConfigReader;

/**
 * The parts of a gateway request that come from settings, checked the way {@code java.net.URI} and
 * {@code java.net.http} would check them, so that a bad value is an error naming its key (and the
 * user's clear page) instead of an {@code IllegalArgumentException} in the middle of a send.
 * Problems never repeat the value: it may be a secret.
 */
final class RequestParts {

    /** RFC 9110 token: the characters a header name may have. */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    /** Header names {@code java.net.http.HttpClient} sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    /** What presets accept as an account id (Twilio Account SID, Vonage API key): no path or query syntax. */
    private static final Pattern ACCOUNT = Pattern.compile("[A-Za-z0-9_-]+");

    private RequestParts() {
    }

    /** An absolute http(s) URL with a host. */
    static URI httpUrl(ConfigReader settings, String key, String raw) {
        try {
            URI url = new URI(raw);
            if (url.getHost() == null || !Set.of("http", "https").contains(String.valueOf(url.getScheme()))) {
                throw settings.invalid(key, "must be an absolute http(s) URL with a host");
            }
            return url;
        } catch (URISyntaxException e) {
            throw settings.invalid(key, "is not a valid URL (" + e.getReason() + ")");
        }
    }

    /** A query template whose literal parts a URL allows (the placeholders are filled in encoded). */
    static void queryTemplate(ConfigReader settings, String key, URI url, String template) {
        String literal = template.replace("{{to}}", "").replace("{{text}}", "");
        try {
            new URI(url + (url.getRawQuery() == null ? "?" : "&") + literal);
        } catch (URISyntaxException e) {
            throw settings.invalid(key, "holds characters a URL query does not allow (at index " + e.getIndex()
                    + "); percent-encode them, e.g. %20 for a space");
        }
    }

    /** A header name the HTTP client accepts. */
    static String headerName(ConfigReader settings, String key, String name) {
        if (!TOKEN.matcher(name).matches() || RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
            throw settings.invalid(key, "must be a header name (letters, digits, '-') other than " + RESTRICTED
                    + ", was '" + name + "'");
        }
        return name;
    }

    /** A header value without line breaks or other control characters (a secret: never echoed). */
    static String headerValue(ConfigReader settings, String key, String value) {
        if (value.chars().anyMatch(c -> (c < 0x20 && c != '\t') || c == 0x7f)) {
            throw settings.invalid(key, "must not contain line breaks or other control characters");
        }
        return value;
    }

    /** An account id that presets put into a URL path. */
    static String account(ConfigReader settings, String key) {
        String account = settings.require(key);
        if (!ACCOUNT.matcher(account).matches()) {
            throw settings.invalid(key, "must be letters, digits, '-' or '_' only (an account id or API key)");
        }
        return account;
    }

    /** A value percent-encoded to stand as one path segment. */
    static String pathSegment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
