package io.github.smsotp.it.clients;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieHandler;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * A minimal browser for server-rendered login pages: keeps cookies, follows redirects within the
 * server, submits forms. Keycloak marks every cookie Secure even over http://127.0.0.1; browsers
 * treat loopback as a secure context and send them, so this one does too (the JDK's own cookie
 * manager would not).
 * <p>
 * The code page sends its SMS after it was answered, and its script asks what became of the send. This
 * browser asks too, before it hands the page over, so that a test reads the gateway once the code went
 * out, as a user reads the phone once the page said so.
 */
public final class Browser {

    /** Where the login ends: the client's redirect URI, never contacted. */
    public static final String CALLBACK = "http://127.0.0.1:1/callback";

    /** Per request: generous, as a busy 2-core machine may answer slowly. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    /** The code page's attribute that names where its script asks what became of the send. */
    private static final String SEND_STATUS = "data-status-url";

    private final Map<String, HttpCookie> cookies = new ConcurrentHashMap<>();
    private final HttpClient client;
    private final String clientAddress;
    private boolean followsSendStatus = true;

    public Browser() {
        this(null);
    }

    /**
     * @param clientAddress the address a reverse proxy would report for this browser
     *                      ({@code X-Forwarded-For}; only a header, no traffic goes there), or null
     */
    public Browser(String clientAddress) {
        this.clientAddress = clientAddress;
        client = HttpClient.newBuilder().cookieHandler(new LoopbackCookies())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Hands pages over as they come, without asking what became of their sends (for timing a page). */
    public Browser ignoringSendStatus() {
        followsSendStatus = false;
        return this;
    }

    /** Another browser holding this one's cookies as they are now (a copied session). */
    public Browser copy() {
        Browser copy = new Browser(clientAddress);
        copy.cookies.putAll(cookies);
        return copy;
    }

    /**
     * Another browser holding only this one's cookie {@code name}: the same browser after its sign-in
     * session ended, with a long-lived cookie kept.
     */
    public Browser keeping(String name) {
        Browser later = new Browser(clientAddress);
        cookies.forEach((key, cookie) -> {
            if (cookie.getName().equals(name)) {
                later.cookies.put(key, cookie);
            }
        });
        return later;
    }

    /** The cookie {@code name} this browser holds, if any. */
    public java.util.Optional<HttpCookie> cookie(String name) {
        return cookies.values().stream().filter(c -> c.getName().equals(name)).findFirst();
    }

    /** Sets a cookie as a script or a tampering user could. */
    public void setCookie(String name, String value, String path) {
        HttpCookie cookie = new HttpCookie(name, value);
        cookie.setPath(path);
        cookies.put(name + "|" + path, cookie);
    }

    /** A page as the user would see it, or the final redirect to the application. */
    public record Page(int status, URI uri, String body, String redirectedTo) {

        public Document html() {
            return Jsoup.parse(body, uri.toString());
        }

        public String text() {
            return html().text();
        }

        public boolean loggedIn() {
            return redirectedTo != null && redirectedTo.startsWith(CALLBACK) && redirectedTo.contains("code=");
        }

        public Element form(String id) {
            Element form = html().getElementById(id);
            if (form == null) {
                throw new AssertionError("no form #" + id + " on page " + uri + ":\n" + text());
            }
            return form;
        }

        public boolean has(String cssQuery) {
            return !html().select(cssQuery).isEmpty();
        }

        public String textOf(String cssQuery) {
            return html().select(cssQuery).text();
        }
    }

    public Page get(String url) {
        return exchange(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    /** Submits a form of the page with its own hidden fields plus the given ones. */
    public Page submit(Page page, String formId, Map<String, String> fields) {
        Element form = page.form(formId);
        Map<String, String> values = new LinkedHashMap<>();
        for (Element input : form.select("input[type=hidden]")) {
            values.put(input.attr("name"), input.attr("value"));
        }
        values.putAll(fields);
        return post(form.absUrl("action"), values);
    }

    public Page post(String url, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return exchange(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private Page exchange(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(withAddress(request).timeout(REQUEST_TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
            int hops = 0;
            while (response.statusCode() / 100 == 3 && hops++ < 10) {
                String location = response.headers().firstValue("Location").orElseThrow();
                URI target = response.uri().resolve(location);
                if (target.toString().startsWith(CALLBACK)) {
                    return new Page(response.statusCode(), response.uri(), response.body(), target.toString());
                }
                response = client.send(withAddress(HttpRequest.newBuilder(target)).GET()
                        .timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
            }
            return settled(new Page(response.statusCode(), response.uri(), response.body(), null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The page once the gateway answered for its send, as the page's script learns it: its status
     * address answers something other than {@code pending}, or the login is gone.
     */
    private Page settled(Page page) {
        if (!followsSendStatus || page.body() == null || !page.body().contains(SEND_STATUS)) {
            return page;
        }
        Element status = page.html().selectFirst("[" + SEND_STATUS + "]");
        if (status == null) {
            return page;
        }
        URI url = page.uri().resolve(status.attr(SEND_STATUS));
        await().atMost(REQUEST_TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() -> {
            HttpResponse<String> answer = client.send(withAddress(HttpRequest.newBuilder(url)).GET()
                    .timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() != 200 || !answer.body().contains("\"pending\"");
        });
        return page;
    }

    private HttpRequest.Builder withAddress(HttpRequest.Builder request) {
        return clientAddress == null ? request : request.header("X-Forwarded-For", clientAddress);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Stores every cookie by name and path and sends each one whose path matches, Secure or not. */
    private final class LoopbackCookies extends CookieHandler {

        @Override
        public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) {
            String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
            List<String> matching = new ArrayList<>();
            for (HttpCookie cookie : cookies.values()) {
                String cookiePath = cookie.getPath() == null ? "/" : cookie.getPath();
                if (!cookie.hasExpired() && path.startsWith(cookiePath)) {
                    matching.add(cookie.getName() + "=" + cookie.getValue());
                }
            }
            return matching.isEmpty() ? Map.of() : Map.of("Cookie", List.of(String.join("; ", matching)));
        }

        @Override
        public void put(URI uri, Map<String, List<String>> responseHeaders) {
            responseHeaders.forEach((name, values) -> {
                if (!"set-cookie".equalsIgnoreCase(name)) {
                    return;
                }
                for (String header : values) {
                    for (HttpCookie cookie : HttpCookie.parse(header)) {
                        String key = cookie.getName() + "|" + cookie.getPath();
                        if (cookie.getMaxAge() == 0) {
                            cookies.remove(key);
                        } else {
                            cookies.put(key, cookie);
                        }
                    }
                }
            });
        }
    }
}
