package io.github.smsotp.it.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.smsotp.it.clients.AdminApi;
import io.github.smsotp.it.clients.JsonHttp;
import io.github.smsotp.it.harness.KeycloakExtension;
import io.github.smsotp.it.harness.KeycloakServer;
import io.github.smsotp.it.harness.RequiredTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The curl examples of docs/NATIVE-APPS.md, run with curl as written against a copy of the demo
 * realm (its own numbers, so that no other test's codes mix in): each answers what the JSON block
 * after it shows (the same {@code error}, and at least the same fields). Only the address, the
 * realm's name, the numbers, the code ({@code 123456} in the docs) and the handle the answer before
 * gave are put in.
 */
@ExtendWith(KeycloakExtension.class)
public class DirectGrantDocsIT {

    private static final String DOCS = "docs/NATIVE-APPS.md";
    /** The demo's numbers (demo's, phoneonly's), and the copy's own. */
    private static final List<String> DEMO_NUMBERS = List.of("+12015550123", "+12015550124");
    private static final List<String> NUMBERS = List.of("+12015550177", "+12015550178");
    private static final String DOCUMENTED_CODE = "123456";
    private static final String DOCUMENTED_HANDLE = "k3Jq9ZyXb7TfR2mWc8LpV5nHd4GsA6Ue";
    private static final Pattern EXAMPLE = Pattern.compile("```sh\\n(curl .*?)```.*?```json\\n(.*?)```", Pattern.DOTALL);

    private final KeycloakServer server;

    DirectGrantDocsIT(KeycloakServer server) {
        this.server = server;
    }

    @Test
    void theCurlExamplesWorkAsDocumentedOnTheDemoRealm() throws Exception {
        Path curl = RequiredTool.find("apt-get install curl", Path.of("/usr/bin/curl"));
        String realm = AdminApi.uniqueRealmName("docs-demo");
        String demo = Files.readString(KeycloakServer.projectDir().resolve("realm-export/sms-demo-realm.json"));
        String copy = demo.replace("sms-demo", realm);
        for (int i = 0; i < DEMO_NUMBERS.size(); i++) {
            copy = copy.replace(DEMO_NUMBERS.get(i), NUMBERS.get(i));
        }
        new AdminApi(server).importRealm((ObjectNode) JsonHttp.read(copy));
        List<String[]> examples = examples();
        assertThat(examples).as("two requests each: the second factor, phone sign-in").hasSize(4);

        String code = DOCUMENTED_CODE;
        String handle = DOCUMENTED_HANDLE;
        for (String[] example : examples) {
            int codesBefore = loggedCodes().size();
            String command = example[0].replace("http://localhost:8080", server.baseUrl()).replace("sms-demo", realm)
                    .replace(DOCUMENTED_CODE, code).replace(DOCUMENTED_HANDLE, handle).replaceFirst("^curl ", curl + " ");
            for (int i = 0; i < DEMO_NUMBERS.size(); i++) {
                command = command.replace(DEMO_NUMBERS.get(i), NUMBERS.get(i));
            }
            JsonNode answer = JsonHttp.read(run(command));
            JsonNode documented = JsonHttp.read(example[1]);

            List<String> fields = new ArrayList<>();
            documented.fieldNames().forEachRemaining(fields::add);
            List<String> answered = new ArrayList<>();
            answer.fieldNames().forEachRemaining(answered::add);
            assertThat(answered).as(answer.toString()).containsAll(fields);
            assertThat(answer.path("error").asText()).isEqualTo(documented.path("error").asText());
            if (answer.has("sms_otp_handle")) {
                handle = answer.path("sms_otp_handle").asText();
            }
            if (documented.has("error")) {
                await().atMost(Duration.ofSeconds(30)).until(() -> loggedCodes().size() > codesBefore);
                List<String> codes = loggedCodes();
                code = codes.get(codes.size() - 1);
            }
        }
    }

    /** Each curl block of the docs with the JSON block that follows it. */
    private static List<String[]> examples() throws IOException {
        String docs = Files.readString(KeycloakServer.projectDir().resolve(DOCS));
        List<String[]> examples = new ArrayList<>();
        Matcher matcher = EXAMPLE.matcher(docs);
        while (matcher.find()) {
            examples.add(new String[] {matcher.group(1), matcher.group(2)});
        }
        return examples;
    }

    private static String run(String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(new String(output, StandardCharsets.UTF_8)).isZero();
        return new String(output, StandardCharsets.UTF_8);
    }

    private List<String> loggedCodes() {
        Matcher matcher = Pattern.compile("SIMULATED SMS .* to (?:" + Pattern.quote(NUMBERS.get(0)) + "|"
                        + Pattern.quote(NUMBERS.get(1)) + "): ([0-9]{6}) ")
                .matcher(server.log());
        List<String> codes = new ArrayList<>();
        while (matcher.find()) {
            codes.add(matcher.group(1));
        }
        return codes;
    }
}
