package io.github.smsotp.sender;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A provider's callback as it arrived, for a sender to authenticate and read.
 *
 * @param method  the HTTP method
 * @param url     the URL as the provider called it (Keycloak's public address, query included), which
 *                some providers sign
 * @param headers header names in lower case, first value each
 * @param body    the raw body, empty for GET
 */
public record ReceiptRequest(String method, URI url, Map<String, String> headers, byte[] body) {

    public ReceiptRequest {
        Map<String, String> lower = new LinkedHashMap<>();
        headers.forEach((name, value) -> lower.put(name.toLowerCase(Locale.ROOT), value));
        headers = Collections.unmodifiableMap(lower);
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Whether the body is a form ({@code application/x-www-form-urlencoded}). */
    public boolean isForm() {
        return header("content-type").map(type -> type.toLowerCase(Locale.ROOT)
                .startsWith("application/x-www-form-urlencoded")).orElse(false);
    }

    /** The form body's fields in their order, values decoded. */
    public List<Map.Entry<String, String>> formFields() throws ReceiptRejected {
        return decode(bodyText());
    }

    /** The query string's fields in their order, values decoded. */
    public List<Map.Entry<String, String>> queryFields() throws ReceiptRejected {
        return decode(url.getRawQuery() == null ? "" : url.getRawQuery());
    }

    /** The first non-empty value of a field, in fields as {@link #formFields()} gives them. */
    public static Optional<String> value(List<Map.Entry<String, String>> fields, String name) {
        return fields.stream().filter(field -> field.getKey().equals(name)).map(Map.Entry::getValue)
                .filter(value -> !value.isBlank()).findFirst();
    }

    private static List<Map.Entry<String, String>> decode(String encoded) throws ReceiptRejected {
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        if (encoded.isEmpty()) {
            return fields;
        }
        try {
            for (String pair : encoded.split("&")) {
                int equals = pair.indexOf('=');
                String name = equals < 0 ? pair : pair.substring(0, equals);
                String value = equals < 0 ? "" : pair.substring(equals + 1);
                fields.add(Map.entry(URLDecoder.decode(name, StandardCharsets.UTF_8),
                        URLDecoder.decode(value, StandardCharsets.UTF_8)));
            }
        } catch (IllegalArgumentException e) {
            throw ReceiptRejected.malformed("the form encoding is broken");
        }
        return fields;
    }
}
