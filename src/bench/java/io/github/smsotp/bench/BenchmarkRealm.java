package io.github.smsotp.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.smsotp.credential.VerifiedPhone;

/**
 * The benchmark realm: users with a password, a TOTP secret and a mobile number, and one client
 * per login variant, each bound to its own browser flow (password only; password + Keycloak's OTP
 * form; password + the SMS step against a gateway with a given behaviour). Built from the test
 * realm's template so the user profile and required actions are the tested ones.
 */
final class BenchmarkRealm {

    static final String NAME = "bench";
    static final String CALLBACK = "https://127.0.0.1:1/callback";
    /**
     * Keycloak refuses a TOTP code already used, so a user must not sign in twice in one period:
     * the pool hands users out in turn, and {@link SignInSimulation#USERS} is large enough that a user
     * comes round again after more than a period at the highest rate measured. A 1 s period was tried
     * before: a code then expired while its request queued at 32 users.
     */
    static final int TOTP_PERIOD_SECONDS = 30;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode realm;
    private final ArrayNode flows;
    private final ArrayNode configs;
    private final ArrayNode clients;
    private int flowCount;

    BenchmarkRealm(Path template) throws IOException {
        realm = (ObjectNode) JSON.readTree(Files.readString(template));
        realm.put("realm", NAME).put("displayName", "Benchmark").put("sslRequired", "none")
                .put("bruteForceProtected", false).put("eventsEnabled", false)
                // One cheap hash: every scenario checks the password alike, and Keycloak's default
                // (Argon2) would dominate each sign-in and hide the second factor's own cost.
                .put("passwordPolicy", "hashAlgorithm(pbkdf2-sha256) and hashIterations(1)");
        realm.remove("browserFlow");
        flows = realm.putArray("authenticationFlows");
        configs = realm.putArray("authenticatorConfig");
        clients = realm.putArray("clients");
        realm.putArray("users");
    }

    /** A client whose browser flow is the password form alone. */
    BenchmarkRealm passwordOnly(String clientId) {
        return client(clientId, flow(clientId, null, null));
    }

    /** A client whose browser flow is the password form, then Keycloak's own OTP form. */
    BenchmarkRealm passwordAndTotp(String clientId) {
        return client(clientId, flow(clientId, "auth-otp-form", null));
    }

    /**
     * A client whose browser flow is the password form, then the SMS step against {@code gatewayUrl},
     * with a realm budget of {@code realmSendsPerHour} (0: none) and the other limits off: the load is
     * many sign-ins of few users from one address, which they would refuse.
     */
    BenchmarkRealm passwordAndSms(String clientId, String gatewayUrl, int timeoutMillis, int realmSendsPerHour) {
        return passwordAndSms(clientId, gatewayUrl, timeoutMillis, Map.of("limit-user-sends-per-hour", "0",
                "limit-number-sends-per-10-minutes", "0", "limit-ip-sends-per-hour", "0",
                "limit-realm-sends-per-hour", Integer.toString(realmSendsPerHour)));
    }

    /**
     * The same with all four send limits on, each at the highest value it takes, so that every
     * send is counted as in production and none is refused at the benchmark's load.
     */
    BenchmarkRealm passwordAndSmsCountingLimits(String clientId, String gatewayUrl, int timeoutMillis) {
        return passwordAndSms(clientId, gatewayUrl, timeoutMillis, Map.of("limit-user-sends-per-hour", "1000",
                "limit-number-sends-per-10-minutes", "1000", "limit-ip-sends-per-hour", "100000",
                "limit-realm-sends-per-hour", "1000000"));
    }

    private BenchmarkRealm passwordAndSms(String clientId, String gatewayUrl, int timeoutMillis, Map<String, String> limits) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("sender", "http");
        config.put("http.url", gatewayUrl);
        config.put("http.format", "json");
        config.put("http.timeout-ms", Integer.toString(timeoutMillis));
        config.putAll(limits);
        ObjectNode authenticatorConfig = configs.addObject().put("alias", "sms-" + clientId);
        config.forEach(authenticatorConfig.putObject("config")::put);
        return client(clientId, flow(clientId, "sms-otp-code", "sms-" + clientId));
    }

    /** Users {@code bench001...}: password {@code bench}, the given TOTP secret, numbers from +12015552001. */
    BenchmarkRealm users(int count, String totpSecret) {
        ArrayNode users = realm.withArray("users");
        for (int n = 1; n <= count; n++) {
            ObjectNode user = users.addObject().put("username", username(n)).put("enabled", true)
                    .put("email", username(n) + "@example.org").put("emailVerified", true)
                    .put("firstName", "Bench").put("lastName", "User" + n);
            user.putArray("realmRoles").add("default-roles-" + NAME);
            ObjectNode attributes = user.putObject("attributes");
            attributes.putArray("phone_number").add(phone(n));
            // As after the user's first SMS sign-in, which records the number as verified (a search for
            // other holders and an attribute write, once per user): each sign-in here is a later one.
            attributes.putArray(VerifiedPhone.NUMBER).add(phone(n));
            attributes.putArray(VerifiedPhone.VERIFIED).add("true");
            ArrayNode credentials = user.putArray("credentials");
            credentials.addObject().put("type", "password").put("value", "bench").put("temporary", false);
            credentials.addObject().put("type", "otp").put("userLabel", "bench")
                    .put("secretData", "{\"value\":\"" + totpSecret + "\"}")
                    // See TOTP_PERIOD_SECONDS. Checking a code costs the same whatever the period.
                    .put("credentialData", "{\"subType\":\"totp\",\"digits\":6,\"counter\":0,\"period\":"
                            + TOTP_PERIOD_SECONDS + ",\"algorithm\":\"HmacSHA1\"}");
        }
        return this;
    }

    static String username(int n) {
        return String.format("bench%03d", n);
    }

    /** +1 201 555-2001 and on: valid numbers of New Jersey for every user (+1 201 556-8384 the last of 16,384). */
    static String phone(int n) {
        return String.format(Locale.ROOT, "+1201%07d", 5_552_000 + n);
    }

    void writeTo(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(realm));
    }

    private String flow(String clientId, String secondStep, String configAlias) {
        String id = String.format("00000000-0000-4000-8000-%012d", ++flowCount);
        ObjectNode flow = flows.addObject().put("id", id).put("alias", "bench " + clientId)
                .put("providerId", "basic-flow").put("topLevel", true).put("builtIn", false);
        ArrayNode executions = flow.putArray("authenticationExecutions");
        executions.addObject().put("authenticator", "auth-username-password-form").put("requirement", "REQUIRED")
                .put("priority", 10).put("authenticatorFlow", false).put("userSetupAllowed", false);
        if (secondStep != null) {
            ObjectNode step = executions.addObject().put("authenticator", secondStep).put("requirement", "REQUIRED")
                    .put("priority", 20).put("authenticatorFlow", false).put("userSetupAllowed", false);
            if (configAlias != null) {
                step.put("authenticatorConfig", configAlias);
            }
        }
        return id;
    }

    private BenchmarkRealm client(String clientId, String flowId) {
        ObjectNode client = clients.addObject().put("clientId", clientId).put("enabled", true)
                .put("publicClient", true).put("standardFlowEnabled", true);
        client.putArray("redirectUris").add(CALLBACK);
        client.putObject("authenticationFlowBindingOverrides").put("browser", flowId);
        return this;
    }
}
