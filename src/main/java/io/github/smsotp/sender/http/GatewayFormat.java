package io.github.smsotp.sender.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;

/** How the message travels to a generic HTTP gateway. */
public enum GatewayFormat {

    /** A JSON body; placeholders sit inside JSON strings. */
    JSON("application/json", "{\"to\":\"{{to}}\",\"text\":\"{{text}}\"}", GatewayFormat::jsonString),
    /** An {@code application/x-www-form-urlencoded} body. */
    FORM("application/x-www-form-urlencoded", "to={{to}}&text={{text}}", GatewayFormat::urlEncoded),
    /** No body; the rendered template is appended to the URL's query string. */
    QUERY(null, "to={{to}}&text={{text}}", GatewayFormat::urlEncoded);

    private final String contentType;
    private final String defaultTemplate;
    private final UnaryOperator<String> escaper;

    GatewayFormat(String contentType, String defaultTemplate, UnaryOperator<String> escaper) {
        this.contentType = contentType;
        this.defaultTemplate = defaultTemplate;
        this.escaper = escaper;
    }

    public String contentType() {
        return contentType;
    }

    public String defaultTemplate() {
        return defaultTemplate;
    }

    /** Fills {@code {{to}}} and {@code {{text}}}, each escaped for this format. */
    public String render(String template, String to, String text) {
        return template.replace("{{to}}", escaper.apply(to)).replace("{{text}}", escaper.apply(text));
    }

    static String urlEncoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The content of a JSON string literal (without the quotes). */
    static String jsonString(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
