package io.github.smsotp.step;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.github.smsotp.TestClock;
import io.github.smsotp.challenge.FakeKeys;
import io.github.smsotp.config.ConfigReader;
import io.github.smsotp.limits.CountingStore;
import io.github.smsotp.limits.InMemorySingleUseStore;
import io.github.smsotp.sender.SmsSender;
import io.github.smsotp.sender.log.LogSmsSenderFactory;
import io.github.smsotp.settings.LimitPolicy;
import io.github.smsotp.settings.SettingsRegistry;
import jakarta.ws.rs.core.MultivaluedHashMap;
import org.junit.jupiter.api.Test;
import org.keycloak.Config;
import org.keycloak.models.KeyManager;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RealmProvider;
import org.keycloak.models.ThemeManager;
import org.keycloak.models.UserModel;
import org.keycloak.theme.Theme;

/**
 * What one SMS sign-in (the first visit, which sends the code, then the post of the right code)
 * costs Keycloak's single-use store and the tab's authentication session, counted operation by
 * operation on a store with Keycloak's semantics. Each request has its own session and commits at
 * its end, as in Keycloak. The totals are exact: a change that adds a round trip fails here.
 */
class StepStoreOperationsTest {

    private static final String PHONE = "+12015550123";
    private static final Pattern CODE = Pattern.compile("\\b[0-9]{6}\\b");
    /** Every limit the config allows to switch off (with 0): the four send limits and the lockout. */
    private static final Map<String, String> LIMITS_OFF = Map.of(SettingsRegistry.USER_SENDS.key(), "0",
            SettingsRegistry.NUMBER_SENDS.key(), "0", SettingsRegistry.IP_SENDS.key(), "0", SettingsRegistry.REALM_SENDS.key(), "0",
            SettingsRegistry.MAX_FAILURES.key(), "0");

    private final TestClock clock = new TestClock();
    private final InMemorySingleUseStore memory = new InMemorySingleUseStore(clock);
    private final CallerTally callers = new CallerTally();
    private final CountingStore store = new CountingStore(callers.over(memory));
    private final RecordingLogSender sender = new RecordingLogSender();
    private final FakeKeys keys = new FakeKeys("step-ops");

    private final RealmModel realm = StrictDouble.of(RealmModel.class)
            .returning("getId", "realm-1")
            .returning("getName", "sms")
            .returning("getDisplayName", null)
            .build();
    private final UserModel user = StrictDouble.of(UserModel.class).returning("getId", "user-1").build();
    private final KeycloakContext keycloakContext = StrictDouble.of(KeycloakContext.class)
            .returning("getRealm", realm)
            .returning("resolveLocale", Locale.ENGLISH)
            .answer("setRealm", args -> null)
            .build();

    @Test
    void oneSignInWithTheDefaultLimits() {
        SignIn signIn = signIn(Map.of());

        System.out.println(signIn.table("One SMS sign-in, default limits (per user, number, address and realm, "
                + "and the lockout after wrong codes)"));
        assertThat(signIn.sent.store()).isEqualTo(Map.of("get", 5, "putIfAbsent", 4, "put", 9));
        // A user without wrong codes: the lockout's reset is one look-up, not a removal per slot.
        assertThat(signIn.verified.store()).isEqualTo(Map.of("get", 3, "putIfAbsent", 2));
        assertThat(signIn.total().store()).isEqualTo(Map.of("get", 8, "putIfAbsent", 6, "put", 9));
        assertThat(signIn.total().authSession()).isEqualTo(Map.of("setAuthNote", 8, "removeAuthNote", 3));
        assertThat(signIn.total().callers()).isEqualTo(Map.of(
                // The send's outcome, written once the gateway answered, read by the next request.
                "DeliveryLedger", Map.of("get", 1, "put", 1),
                "FailureGuard", Map.of("get", 2),
                "SingleUseCodeUses", Map.of("putIfAbsent", 2),
                "SlotCounter", Map.of("get", 5, "putIfAbsent", 4, "put", 8)));
    }

    @Test
    void oneSignInWithEveryLimitOff() {
        SignIn signIn = signIn(LIMITS_OFF);

        System.out.println(signIn.table("One SMS sign-in, every limit off (" + LIMITS_OFF.keySet().stream().sorted()
                .map(key -> key + " = 0").collect(Collectors.joining(", ")) + ")"));
        // What no setting switches off: the send's outcome (the page shows a failed send), the code's one
        // try and its spent mark, which stop racing requests.
        assertThat(signIn.sent.store()).isEqualTo(Map.of("put", 1));
        assertThat(signIn.verified.store()).isEqualTo(Map.of("get", 1, "putIfAbsent", 2));
        assertThat(signIn.total().callers()).isEqualTo(Map.of("DeliveryLedger", Map.of("get", 1, "put", 1),
                "SingleUseCodeUses", Map.of("putIfAbsent", 2)));
        // The limits cost the store, never the tab: its notes are the same either way.
        assertThat(signIn.total().authSession()).isEqualTo(Map.of("setAuthNote", 8, "removeAuthNote", 3));
    }

    @Test
    void eachLimitCostsTheSameFewOperations() {
        Map<String, Integer> defaults = new LinkedHashMap<>();
        defaults.put(SettingsRegistry.USER_SENDS.key(), Integer.parseInt(SettingsRegistry.USER_SENDS.defaultValue()));
        defaults.put(SettingsRegistry.NUMBER_SENDS.key(), Integer.parseInt(SettingsRegistry.NUMBER_SENDS.defaultValue()));
        defaults.put(SettingsRegistry.IP_SENDS.key(), Integer.parseInt(SettingsRegistry.IP_SENDS.defaultValue()));
        defaults.put(SettingsRegistry.REALM_SENDS.key(), Integer.parseInt(SettingsRegistry.REALM_SENDS.defaultValue()));
        defaults.put(SettingsRegistry.MAX_FAILURES.key(), Integer.parseInt(SettingsRegistry.MAX_FAILURES.defaultValue()));
        Map<String, Map<String, Integer>> costs = new LinkedHashMap<>();
        for (String limit : defaults.keySet()) {
            Map<String, String> onlyThis = new HashMap<>(LIMITS_OFF);
            onlyThis.remove(limit);
            clock.advance(Duration.ofHours(2));
            costs.put(limit, minus(signIn(onlyThis).total().store(), Map.of("get", 1, "putIfAbsent", 2, "put", 1)));
        }

        StringBuilder table = new StringBuilder("One SMS sign-in, what each limit adds when it alone is on:\n\n"
                + "| limit (default) | store operations | total |\n|---|---|---:|\n");
        costs.forEach((limit, cost) -> table.append("| ").append(limit).append(" (").append(defaults.get(limit))
                .append(") | ").append(kinds(cost))
                .append(" | ").append(sum(cost)).append(" |\n"));
        System.out.println(table);
        Map<String, Integer> sendLimit = Map.of("get", 1, "putIfAbsent", 1, "put", 2);
        assertThat(costs).isEqualTo(Map.of(SettingsRegistry.USER_SENDS.key(), sendLimit, SettingsRegistry.NUMBER_SENDS.key(), sendLimit,
                SettingsRegistry.IP_SENDS.key(), sendLimit, SettingsRegistry.REALM_SENDS.key(), sendLimit,
                // A lock look-up in each request, and on a right code one look-up of the failures' hint.
                SettingsRegistry.MAX_FAILURES.key(), Map.of("get", 3)));
    }

    /**
     * With the realm's budget spent, a send is refused before the gateway: no SMS, and nothing the
     * refused request did is left in the store: the slots it claimed of the limits before the realm's
     * are given back at once, and its claim of the realm's found the slot taken.
     */
    @Test
    void aSendRefusedByASpentBudgetLeavesTheStoreAsItWas() {
        Map<String, String> budgetOfOne = Map.of(SettingsRegistry.REALM_SENDS.key(), "1");
        signIn(budgetOfOne);
        int messages = sender.sent().size();
        Map<String, String> before = memory.live();
        CountedAuthSession tab = new CountedAuthSession();
        store.take();
        callers.take();

        SignInContext refused = request(tab, context -> open(context, ConfigReader.of(budgetOfOne)).arrive());

        Map<String, Integer> cost = taken(tab).store();
        System.out.println("A send refused by the spent realm budget: " + kinds(cost));
        assertThat(refused.outcomes).containsExactly("error smsOtpLimitReached", "page " + CodePage.TEMPLATE);
        assertThat(sender.sent()).as("no SMS").hasSize(messages);
        assertThat(memory.live()).as("nothing written that outlives the request").isEqualTo(before);
        // The claims of the limits before the realm's are given back (removed), and no hole recorded.
        assertThat(cost).isEqualTo(Map.of("get", 10, "putIfAbsent", 4, "remove", 3));
    }

    /** What one request of a sign-in cost: store operations by kind and by caller, auth-session writes by kind. */
    record Cost(Map<String, Integer> store, Map<String, Map<String, Integer>> callers,
                Map<String, Integer> authSession) {

        Cost plus(Cost other) {
            Map<String, Map<String, Integer>> byCaller = new TreeMap<>();
            callers.forEach((caller, kinds) -> byCaller.put(caller, StepStoreOperationsTest.plus(kinds, Map.of())));
            other.callers.forEach((caller, kinds) -> byCaller.merge(caller, kinds, StepStoreOperationsTest::plus));
            return new Cost(StepStoreOperationsTest.plus(store, other.store), byCaller,
                    StepStoreOperationsTest.plus(authSession, other.authSession));
        }
    }

    /** The two requests of one sign-in. */
    record SignIn(Cost sent, Cost verified) {

        Cost total() {
            return sent.plus(verified);
        }

        String table(String title) {
            Map<String, Cost> rows = new LinkedHashMap<>();
            rows.put("1: first visit, code sent", sent);
            rows.put("2: right code posted", verified);
            rows.put("**sign-in**", total());
            List<String> storeKinds = List.of("get", "put", "putIfAbsent", "remove", "replace", "contains");
            // The note writes the step makes first, then any others a change may add.
            List<String> noteKinds = new ArrayList<>(List.of("setAuthNote", "removeAuthNote"));
            new TreeSet<>(total().authSession().keySet()).stream().filter(kind -> !noteKinds.contains(kind))
                    .forEach(noteKinds::add);
            StringBuilder out = new StringBuilder("#### " + title + "\n\n| request | "
                    + String.join(" | ", storeKinds) + " | store total | " + String.join(" | ", noteKinds)
                    + " | auth-session writes |\n|---" + "|---:".repeat(storeKinds.size() + noteKinds.size() + 2)
                    + "|\n");
            rows.forEach((name, cost) -> {
                out.append("| ").append(name);
                storeKinds.forEach(kind -> out.append(" | ").append(cost.store().getOrDefault(kind, 0)));
                out.append(" | ").append(sum(cost.store()));
                noteKinds.forEach(kind -> out.append(" | ").append(cost.authSession().getOrDefault(kind, 0)));
                out.append(" | ").append(sum(cost.authSession())).append(" |\n");
            });
            out.append("\n| store operations by caller | 1: code sent | 2: right code | sign-in |\n|---|---|---|---|\n");
            total().callers().keySet().forEach(caller -> out.append("| ").append(caller)
                    .append(" | ").append(kinds(sent.callers().getOrDefault(caller, Map.of())))
                    .append(" | ").append(kinds(verified.callers().getOrDefault(caller, Map.of())))
                    .append(" | ").append(kinds(total().callers().get(caller))).append(" |\n"));
            return out.toString();
        }
    }

    /** One sign-in, as the authenticator drives the step: {@code authenticate}, then {@code action}. */
    private SignIn signIn(Map<String, String> settings) {
        ConfigReader config = ConfigReader.of(settings);
        // A new login: its own tab, with no send history yet.
        CountedAuthSession authSession = new CountedAuthSession();
        store.take();
        callers.take();

        SignInContext first = request(authSession, context -> open(context, config).arrive());
        Cost sent = taken(authSession);
        assertThat(first.outcomes).containsExactly("page " + CodePage.TEMPLATE);
        assertThat(first.event.errors).isEmpty();
        String code = codeSentTo(PHONE);

        clock.advance(Duration.ofSeconds(20));
        MultivaluedHashMap<String, String> form = new MultivaluedHashMap<>();
        form.putSingle(SmsOtpStep.FIELD_CODE, code);
        SignInContext second = request(authSession, context -> open(context, config).answer(form));
        Cost verified = taken(authSession);
        assertThat(second.succeededWith).isEqualTo(PHONE);
        assertThat(second.outcomes).containsExactly("succeeded");
        assertThat(second.event.errors).isEmpty();
        return new SignIn(sent, verified);
    }

    private SmsOtpStep open(SignInContext context, ConfigReader config) {
        return SmsOtpStep.open(context, config, PHONE, clock, CodePurpose.SIGN_IN)
                .orElseThrow(() -> new AssertionError("step not opened: " + context.outcomes));
    }

    /**
     * One request: its own Keycloak session, and the store's deferred writes applied when it ends;
     * then what it left to run after the response (the send), each in a session and transaction of
     * its own, as Keycloak's executor runs it.
     */
    private SignInContext request(CountedAuthSession authSession, Consumer<SignInContext> work) {
        SignInContext context = new SignInContext(session(), realm, user, authSession.model);
        memory.run(() -> work.accept(context));
        context.afterResponse.forEach(task -> memory.run(() -> task.run(session())));
        return context;
    }

    private Cost taken(CountedAuthSession authSession) {
        Map<String, Integer> byKind = store.take();
        Map<String, Map<String, Integer>> byCaller = callers.take();
        assertThat(byCaller.values().stream().reduce(Map.of(), StepStoreOperationsTest::plus))
                .as("every operation has its caller").isEqualTo(byKind);
        return new Cost(byKind, byCaller, authSession.take());
    }

    private String codeSentTo(String phone) {
        assertThat(sender.sent()).isNotEmpty();
        var message = sender.sent().get(sender.sent().size() - 1);
        assertThat(message.to()).isEqualTo(phone);
        Matcher code = CODE.matcher(message.text());
        assertThat(code.find()).as("a code in '%s'", message.text()).isTrue();
        return code.group();
    }

    /** The Keycloak session of one request: only what the step asks of it. */
    private KeycloakSession session() {
        Map<String, Object> attributes = new HashMap<>();
        return StrictDouble.of(KeycloakSession.class)
                .returning("singleUseObjects", store)
                .answer("getAttribute", args -> attributes.get((String) args[0]))
                .answer("setAttribute", args -> attributes.put((String) args[0], args[1]))
                .returning("getContext", keycloakContext)
                .returning("realms", StrictDouble.of(RealmProvider.class).returning("getRealm", realm).build())
                .returning("keys", StrictDouble.of(KeyManager.class)
                        .answer("getActiveHmacKey", args -> new KeyManager.ActiveHmacKey(keys.active().id(),
                                keys.active().key()))
                        .answer("getHmacSecretKey", args -> keys.find((String) args[1]).orElse(null))
                        .build())
                .returning("theme", StrictDouble.of(ThemeManager.class)
                        .returning("getTheme", StrictDouble.of(Theme.class)
                                .returning("getEnhancedMessages", englishMessages()).build())
                        .build())
                // The server's default sender, as in development mode: the log sender.
                .returning("getKeycloakSessionFactory", StrictDouble.of(KeycloakSessionFactory.class)
                        .returning("getProviderFactory", logSenderAllowed()).build())
                .answer("getProvider", args -> args[0] == SmsSender.class
                        && LogSmsSenderFactory.PROVIDER_ID.equals(args[1]) ? sender : unexpected("getProvider", args))
                .build();
    }

    /** The log sender where it may be used: in development mode, or where the operator allowed it. */
    private static LogSmsSenderFactory logSenderAllowed() {
        LogSmsSenderFactory factory = new LogSmsSenderFactory();
        factory.init(StrictDouble.of(Config.Scope.class).returning("getBoolean", true).build());
        return factory;
    }

    private static Object unexpected(String method, Object[] args) {
        throw new UnsupportedOperationException("KeycloakSession." + method + List.of(args));
    }

    /** The extension's English messages, the SMS text among them. */
    private static Properties englishMessages() {
        Properties messages = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("themes/messages/messages_en.properties"),
                StandardCharsets.UTF_8)) {
            messages.load(reader);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return messages;
    }

    static Map<String, Integer> plus(Map<String, Integer> a, Map<String, Integer> b) {
        Map<String, Integer> sum = new TreeMap<>(a);
        b.forEach((kind, count) -> sum.merge(kind, count, Integer::sum));
        return sum;
    }

    private static Map<String, Integer> minus(Map<String, Integer> a, Map<String, Integer> b) {
        Map<String, Integer> difference = new TreeMap<>(a);
        b.forEach((kind, count) -> difference.merge(kind, -count, Integer::sum));
        difference.values().removeIf(count -> count == 0);
        return difference;
    }

    private static int sum(Map<String, Integer> counts) {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** "3 get, 3 putIfAbsent, 6 put": the kinds in the store's order. */
    private static String kinds(Map<String, Integer> counts) {
        List<String> order = List.of("get", "putIfAbsent", "put", "remove", "replace", "contains");
        String said = order.stream().filter(counts::containsKey).map(kind -> counts.get(kind) + " " + kind)
                .collect(Collectors.joining(", "));
        return said.isEmpty() ? "-" : said;
    }
}
