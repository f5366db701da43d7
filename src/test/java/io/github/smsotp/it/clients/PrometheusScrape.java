package io.github.smsotp.it.clients;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.smsotp.it.harness.KeycloakServer;

/** One scrape of the management interface's {@code /metrics}, as an operator's Prometheus reads it. */
public record PrometheusScrape(String exposition) {

    /** One sample line of the Prometheus text format: name, labels, value. */
    private static final Pattern SAMPLE = Pattern.compile("^([a-z_]+)\\{([^}]*)} ([0-9.eE+-]+)$", Pattern.MULTILINE);

    public static PrometheusScrape of(KeycloakServer server) {
        HttpResponse<String> response = JsonHttp.send(HttpRequest.newBuilder(URI.create(server.managementUrl() + "/metrics")));
        assertThat(response.statusCode()).isEqualTo(200);
        return new PrometheusScrape(response.body());
    }

    /** The sum over every sample of {@code name} whose labels include all of {@code labels}. */
    public double sum(String name, Map<String, String> labels) {
        double total = 0;
        Matcher sample = SAMPLE.matcher(exposition);
        while (sample.find()) {
            String labelText = sample.group(2);
            boolean matches = sample.group(1).equals(name) && labels.entrySet().stream()
                    .allMatch(label -> labelText.contains(label.getKey() + "=\"" + label.getValue() + "\""));
            if (matches) {
                total += Double.parseDouble(sample.group(3));
            }
        }
        return total;
    }

    /** How much {@code name} with these labels grew since an earlier scrape. */
    public double since(PrometheusScrape earlier, String name, Map<String, String> labels) {
        return sum(name, labels) - earlier.sum(name, labels);
    }
}
