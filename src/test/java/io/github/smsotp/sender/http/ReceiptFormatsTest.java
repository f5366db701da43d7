package io.github.smsotp.sender.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;


import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.smsotp.TestHashes;
import io.github.smsotp.config.ConfigReader;
import io.github.smsotp.sender.DeliveryStatus;
import io.github.smsotp.sender.Receipt;
import io.github.smsotp.sender.ReceiptRejected;
import io.github.smsotp.sender.ReceiptRequest;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each provider's delivery receipt as the provider would send it, signed in the test by the
 * provider's documented algorithm (never by the production {@link Signatures}), and as an attacker
 * would send it: unsigned, re-signed with a guessed key, replayed, or altered after signing.
 */
class ReceiptFormatsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String BASE = "https://sso.example.com/realms/acme/sms-receipts/";
    private static final String FORM_TYPE = "application/x-www-form-urlencoded";
    private static final String JSON_TYPE = "application/json";
    private static final String SECRET = "s3cr3t-receipt-key";

    // --- Twilio ------------------------------------------------------------------------------

    private static final URI TWILIO_URL = URI.create(BASE + "twilio");
    private static final String TWILIO_TOKEN = "a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4";

    /**
     * Twilio's worked example (URL, token 12345, five POST params). Twilio's security page pairs
     * Caller/From +12349013030 with 0/KCTR…; its SDK tests pair +14158675309 with RSOYDt…
     */
    @ParameterizedTest(name = "Caller/From {0}")
    @CsvSource({"+12349013030, 0/KCTR6DLpKmkAf8muzZqo1nDgQ=", "+14158675309, RSOYDt4T1cUTdK1PDd93/VVr8B8="})
    void twilioDocumentedExampleSignaturePassesTheCheck(String phone, String documentedSignature) {
        URI url = URI.create("https://mycompany.com/myapp.php?foo=1&bar=2");
        Map<String, String> params = pairs("CallSid", "CA1234567890ABCDE", "Caller", phone, "Digits", "1234",
                "From", phone, "To", "+18005551212");

        assertThat(twilioSignature("12345", url, params)).isEqualTo(documentedSignature);
        // A voice webhook has no MessageSid: the signature passes, the content does not.
        ReceiptRejected rejected = twilio(url, "12345", params, documentedSignature).rejection();
        assertThat(rejected.status()).isEqualTo(ReceiptRejected.MALFORMED);
        assertThat(rejected.getMessage()).contains("MessageSid");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"delivered, DELIVERED", "undelivered, FAILED", "failed, FAILED", "queued, PENDING", "sent, PENDING"})
    void twilioMessageStatusIsMappedToDeliveryStatus(String messageStatus, DeliveryStatus expected) throws Exception {
        Receipt receipt = signedTwilio("MessageSid", "SM5f2a", "MessageStatus", messageStatus).receipt();

        assertThat(receipt).isEqualTo(new Receipt("SM5f2a", expected, Optional.empty()));
    }

    @Test
    void twilioUndeliveredReceiptCarriesTheErrorCode() throws Exception {
        Receipt receipt = signedTwilio("MessageSid", "SM5f2a", "MessageStatus", "undelivered", "ErrorCode", "30003",
                "To", "+12015550123").receipt();

        assertThat(receipt.errorCode()).contains("30003");
    }

    @Test
    void twilioReceiptAlteredAfterSigningIsUnauthorized() {
        Map<String, String> signed = pairs("MessageSid", "SM5f2a", "MessageStatus", "failed");
        Map<String, String> sent = pairs("MessageSid", "SM5f2a", "MessageStatus", "delivered");

        assertThat(twilio(TWILIO_URL, TWILIO_TOKEN, sent, twilioSignature(TWILIO_TOKEN, TWILIO_URL, signed))
                .rejection().status()).isEqualTo(ReceiptRejected.UNSIGNED);
    }

    @Test
    void twilioReceiptSignedForAnotherUrlOrWithoutSignatureIsUnauthorized() {
        Map<String, String> params = pairs("MessageSid", "SM5f2a", "MessageStatus", "delivered");
        String forOtherRealm = twilioSignature(TWILIO_TOKEN, URI.create(BASE.replace("acme", "other") + "twilio"), params);

        assertThat(twilio(TWILIO_URL, TWILIO_TOKEN, params, forOtherRealm).rejection().status())
                .isEqualTo(ReceiptRejected.UNSIGNED);
        assertThat(twilio(TWILIO_URL, TWILIO_TOKEN, params, null).rejection().status())
                .isEqualTo(ReceiptRejected.UNSIGNED);
    }

    // --- Vonage ------------------------------------------------------------------------------

    private static final String VONAGE_URL = BASE + "vonage";

    /** How the Vonage dashboard delivers a receipt. */
    enum VonageTransport {
        GET_QUERY {
            @Override
            ReceiptRequest request(Map<String, String> fields) {
                return new ReceiptRequest("GET", URI.create(VONAGE_URL + "?" + form(fields)), Map.of(), new byte[0]);
            }
        },
        POST_FORM {
            @Override
            ReceiptRequest request(Map<String, String> fields) {
                return post(URI.create(VONAGE_URL), FORM_TYPE, form(fields));
            }
        },
        POST_JSON {
            @Override
            ReceiptRequest request(Map<String, String> fields) {
                return post(URI.create(VONAGE_URL), JSON_TYPE, json(fields));
            }
        };

        abstract ReceiptRequest request(Map<String, String> fields);
    }

    @ParameterizedTest
    @EnumSource(VonageTransport.class)
    void vonageReceiptIsReadWhicheverWayTheDashboardSendsIt(VonageTransport transport) throws Exception {
        // A value with & and = (written _ in the signed string) and an empty one (not signed).
        Map<String, String> fields = vonageFields("status", "failed", "err-code", "6", "client-ref", "a=1&b=2",
                "network-code", "");

        Receipt receipt = vonage(transport, "md5hash", vonageSigned(fields, "md5hash", SECRET)).receipt();

        assertThat(receipt).isEqualTo(new Receipt("0B00000012345678", DeliveryStatus.FAILED, Optional.of("6")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"md5hash", "md5", "sha1", "sha256", "sha512"})
    void vonageReceiptSignedWithTheDashboardsMethodIsAccepted(String method) throws Exception {
        Receipt receipt = vonage(VonageTransport.GET_QUERY, method, vonageSigned(vonageFields(), method, SECRET))
                .receipt();

        assertThat(receipt).isEqualTo(new Receipt("0B00000012345678", DeliveryStatus.DELIVERED, Optional.empty()));
    }

    @Test
    void vonageUppercaseSignatureIsAccepted() throws Exception {
        Map<String, String> fields = vonageSigned(vonageFields(), "sha256", SECRET);
        fields.put("sig", fields.get("sig").toUpperCase(Locale.ROOT));

        assertThat(vonage(VonageTransport.POST_FORM, "sha256", fields).receipt().status())
                .isEqualTo(DeliveryStatus.DELIVERED);
    }

    @Test
    void vonageReceiptSignedWithAnotherSecretOrMethodIsUnauthorized() {
        Map<String, String> guessedSecret = vonageSigned(vonageFields(), "sha256", "guessed");
        Map<String, String> otherMethod = vonageSigned(vonageFields(), "sha1", SECRET);

        assertThat(vonage(VonageTransport.GET_QUERY, "sha256", guessedSecret).rejection().status())
                .isEqualTo(ReceiptRejected.UNSIGNED);
        assertThat(vonage(VonageTransport.GET_QUERY, "sha256", otherMethod).rejection().status())
                .isEqualTo(ReceiptRejected.UNSIGNED);
    }

    @ParameterizedTest(name = "{0} seconds old")
    @ValueSource(longs = {301, 86_400})
    void vonageReplayOlderThanFiveMinutesIsUnauthorized(long age) {
        Map<String, String> stale = vonageFields("timestamp", Long.toString(NOW.getEpochSecond() - age));

        ReceiptRejected rejected = vonage(VonageTransport.GET_QUERY, "md5hash", vonageSigned(stale, "md5hash", SECRET))
                .rejection();

        assertThat(rejected.status()).isEqualTo(ReceiptRejected.UNSIGNED);
        assertThat(rejected.getMessage()).contains("five minutes");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"delivered, DELIVERED", "failed, FAILED", "rejected, FAILED", "expired, EXPIRED", "accepted, PENDING"})
    void vonageStatusIsMappedToDeliveryStatus(String status, DeliveryStatus expected) throws Exception {
        Map<String, String> fields = vonageSigned(vonageFields("status", status), "md5hash", SECRET);

        assertThat(vonage(VonageTransport.POST_JSON, "md5hash", fields).receipt().status()).isEqualTo(expected);
    }

    // --- Infobip -----------------------------------------------------------------------------

    @Test
    void infobipReportWithTwoResultsGivesTwoReceipts() throws Exception {
        List<Receipt> receipts = infobip(
                infobipResult("4193-a", "DELIVERED", 0, infobipCallbackData("send-1", SECRET)),
                infobipResult("4193-b", "UNDELIVERABLE", 27, infobipCallbackData("send-2", SECRET))).receipts();

        assertThat(receipts).as("each names its send, for the ledger to match with its message").containsExactly(
                new Receipt("4193-a", DeliveryStatus.DELIVERED, Optional.empty(), Optional.of("send-1")),
                new Receipt("4193-b", DeliveryStatus.FAILED, Optional.of("27"), Optional.of("send-2")));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"DELIVERED, DELIVERED", "UNDELIVERABLE, FAILED", "REJECTED, FAILED", "EXPIRED, EXPIRED",
            "PENDING, PENDING"})
    void infobipGroupNameIsMappedToDeliveryStatus(String groupName, DeliveryStatus expected) throws Exception {
        Receipt receipt = infobip(infobipResult("4193-a", groupName, 0, infobipCallbackData("send-1", SECRET)))
                .receipt();

        assertThat(receipt.status()).isEqualTo(expected);
    }

    static Stream<Arguments> forgedCallbackData() {
        String signedForSend1 = infobipCallbackData("send-1", SECRET);
        return Stream.of(
                Arguments.of(Named.of("missing", null)),
                Arguments.of(Named.of("bare send id", "send-2")),
                Arguments.of(Named.of("another send's signature",
                        "send-2" + signedForSend1.substring(signedForSend1.lastIndexOf('.')))),
                Arguments.of(Named.of("signed with a guessed secret", infobipCallbackData("send-2", "guessed"))),
                Arguments.of(Named.of("signed for another realm's address",
                        infobipCallbackData(BASE.replace("/acme/", "/other/") + "infobip", "send-2", SECRET))));
    }

    @ParameterizedTest
    @MethodSource("forgedCallbackData")
    void infobipReportWithOneForgedResultIsUnauthorizedAsAWhole(String forged) {
        Callback report = infobip(
                infobipResult("4193-a", "DELIVERED", 0, infobipCallbackData("send-1", SECRET)),
                infobipResult("4193-b", "DELIVERED", 0, forged));

        assertThat(report.rejection().status()).isEqualTo(ReceiptRejected.UNSIGNED);
    }

    // --- MessageBird -------------------------------------------------------------------------

    @Test
    void birdStatusReportWithValidTokenIsRead() throws Exception {
        URI url = birdUrl("status", "delivery_failed", "statusErrorCode", "104");

        Receipt receipt = bird(url, birdToken(birdClaims(url))).receipt();

        assertThat(receipt).isEqualTo(new Receipt("efa6405d518d4c0c88cce11f7db775fb", DeliveryStatus.FAILED,
                Optional.of("104")));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"delivered, DELIVERED", "delivery_failed, FAILED", "expired, EXPIRED", "sent, PENDING"})
    void birdStatusIsMappedToDeliveryStatus(String status, DeliveryStatus expected) throws Exception {
        URI url = birdUrl("status", status);

        assertThat(bird(url, birdToken(birdClaims(url))).receipt().status()).isEqualTo(expected);
    }

    @Test
    void birdTokenSignedWithAnotherKeyIsUnauthorized() {
        URI url = birdUrl("status", "delivered");

        assertThat(bird(url, jwt(HS256_HEADER, "guessed", birdClaims(url))).rejection().status())
                .isEqualTo(ReceiptRejected.UNSIGNED);
    }

    @Test
    void birdTokenMadeForAnotherUrlIsUnauthorized() {
        URI delivered = birdUrl("status", "delivered");
        URI failed = birdUrl("status", "delivery_failed");

        assertThat(bird(delivered, birdToken(birdClaims(failed))).rejection().status())
                .isEqualTo(ReceiptRejected.UNSIGNED);
    }

    @Test
    void birdExpiredTokenIsUnauthorized() {
        URI url = birdUrl("status", "delivered");
        ObjectNode claims = birdClaims(url).put("nbf", NOW.getEpochSecond() - 120).put("exp", NOW.getEpochSecond() - 60);

        assertThat(bird(url, birdToken(claims)).rejection().status()).isEqualTo(ReceiptRejected.UNSIGNED);
    }

    @Test
    void birdUnsignedTokenWithAlgNoneIsUnauthorized() {
        URI url = birdUrl("status", "delivered");
        String token = base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + base64Url(json(birdClaims(url))) + ".";

        assertThat(bird(url, token).rejection().status()).isEqualTo(ReceiptRejected.UNSIGNED);
    }

    @Test
    void birdTokenWithPayloadHashOnABodilessRequestIsUnauthorized() {
        URI url = birdUrl("status", "delivered");
        ObjectNode claims = birdClaims(url).put("payload_hash", sha256Hex("{\"status\":\"delivered\"}"));

        assertThat(bird(url, birdToken(claims)).rejection().status()).isEqualTo(ReceiptRejected.UNSIGNED);
    }

    // --- Webhook preset ----------------------------------------------------------------------

    private static final String WEBHOOK_BODY = "{\"messageId\":\"m-77\",\"status\":\"failed\",\"errorCode\":\"E42\"}";

    @ParameterizedTest(name = "X-Signature: {0}<hex>")
    @ValueSource(strings = {"", "sha256="})
    void webhookReceiptSignedWithTheSharedSecretIsRead(String prefix) throws Exception {
        Receipt receipt = webhook(WEBHOOK_BODY, prefix + webhookSignature(WEBHOOK_BODY)).receipt();

        assertThat(receipt).isEqualTo(new Receipt("m-77", DeliveryStatus.FAILED, Optional.of("E42")));
    }

    @Test
    void webhookUnknownStatusWordIsBadRequest() {
        String body = "{\"messageId\":\"m-77\",\"status\":\"read\"}";

        assertThat(webhook(body, webhookSignature(body)).rejection().status()).isEqualTo(ReceiptRejected.MALFORMED);
    }

    @Test
    void webhookSignedBodyThatIsNotJsonIsBadRequest() {
        String body = "messageId=m-77&status=delivered";

        assertThat(webhook(body, webhookSignature(body)).rejection().status()).isEqualTo(ReceiptRejected.MALFORMED);
    }

    @Test
    void webhookReceiptWithoutSignatureIsUnauthorized() {
        assertThat(webhook(WEBHOOK_BODY, null).rejection().status()).isEqualTo(ReceiptRejected.UNSIGNED);
    }

    @Test
    void webhookReceiptIsUnauthorizedWhileTheRealmHasNoReceiptSecret() {
        ReceiptRejected rejected = webhook(WEBHOOK_BODY, webhookSignature(WEBHOOK_BODY)).with(settings()).rejection();

        assertThat(rejected.status()).isEqualTo(ReceiptRejected.UNSIGNED);
        assertThat(rejected.getMessage()).contains("http.receipt-secret");
    }

    // --- Meta (WhatsApp Cloud API webhook) ----------------------------------------------------

    private static final String META_BODY = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1022\","
            + "\"changes\":[{\"field\":\"messages\",\"value\":{\"messaging_product\":\"whatsapp\",\"statuses\":["
            + "{\"id\":\"wamid.A\",\"status\":\"sent\",\"recipient_id\":\"12015550100\"},"
            + "{\"id\":\"wamid.B\",\"status\":\"failed\",\"recipient_id\":\"12015550101\","
            + "\"errors\":[{\"code\":131026,\"title\":\"Message undeliverable\"}]},"
            + "{\"id\":\"wamid.C\",\"status\":\"read\",\"recipient_id\":\"12015550102\"}]}}]}]}";

    @Test
    void metaStatusesSignedWithTheAppSecretAreReadWithTheirErrorCodes() throws Exception {
        assertThat(meta(META_BODY, "sha256=" + webhookSignature(META_BODY)).receipts()).containsExactly(
                new Receipt("wamid.A", DeliveryStatus.PENDING, Optional.empty()),
                new Receipt("wamid.B", DeliveryStatus.FAILED, Optional.of("131026")),
                new Receipt("wamid.C", DeliveryStatus.DELIVERED, Optional.empty()));
    }

    @Test
    void aMetaNotificationWithoutStatusesHoldsNoReceipt() throws Exception {
        String body = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":[{\"field\":\"messages\","
                + "\"value\":{\"messages\":[{\"from\":\"12015550100\",\"type\":\"text\"}]}}]}]}";

        assertThat(meta(body, "sha256=" + webhookSignature(body)).receipts()).isEmpty();
    }

    @Test
    void metaStatusesUnsignedOrSignedWithAGuessedSecretAreUnauthorized() {
        String guessed = hex(TestHashes.mac("HmacSHA256", "guessed", META_BODY));

        assertThat(meta(META_BODY, null).rejection().status()).isEqualTo(ReceiptRejected.UNSIGNED);
        assertThat(meta(META_BODY, "sha256=" + guessed).rejection().status()).isEqualTo(ReceiptRejected.UNSIGNED);
    }

    @Test
    void metasSubscriptionCheckIsAnsweredWithItsChallengeOnlyForTheRealmsToken() throws Exception {
        ConfigReader settings = settings("verify-token", "t0ken");

        assertThat(MetaReceipts.subscription(subscription("subscribe", "t0ken", "1158201444"), settings))
                .contains("1158201444");
        assertThat(MetaReceipts.subscription(post(URI.create(BASE + "whatsapp"), JSON_TYPE, META_BODY), settings))
                .as("a notification is no check").isEmpty();
        assertThat(catchThrowableOfType(ReceiptRejected.class, () -> MetaReceipts.subscription(
                subscription("subscribe", "guessed", "1158201444"), settings)).status()).isEqualTo(ReceiptRejected.UNSIGNED);
        assertThat(catchThrowableOfType(ReceiptRejected.class, () -> MetaReceipts.subscription(
                subscription("subscribe", "t0ken", "<script>"), settings)).status()).isEqualTo(ReceiptRejected.MALFORMED);
    }

    // --- Every provider ----------------------------------------------------------------------

    static Stream<Named<Callback>> signedReceiptsWithoutMessageId() {
        URI birdUrl = birdUrl("id", null);
        String webhookBody = "{\"status\":\"delivered\"}";
        return Stream.of(
                Named.of("twilio", signedTwilio("MessageStatus", "delivered")),
                Named.of("vonage", vonage(VonageTransport.GET_QUERY, "md5hash",
                        vonageSigned(vonageFields("messageId", null), "md5hash", SECRET))),
                Named.of("infobip", infobip(infobipResult(null, "DELIVERED", 0, infobipCallbackData("send-1", SECRET)))),
                Named.of("messagebird", bird(birdUrl, birdToken(birdClaims(birdUrl)))),
                Named.of("webhook", webhook(webhookBody, webhookSignature(webhookBody))));
    }

    @ParameterizedTest
    @MethodSource("signedReceiptsWithoutMessageId")
    void correctlySignedReceiptWithoutMessageIdIsBadRequest(Callback callback) {
        assertThat(callback.rejection().status()).isEqualTo(ReceiptRejected.MALFORMED);
    }

    // --- Requests as each provider builds them -----------------------------------------------

    /** One callback as it reaches one sender's settings. */
    record Callback(ReceiptFormat format, ReceiptRequest request, ConfigReader settings) {

        List<Receipt> receipts() throws ReceiptRejected {
            return format.read(request, settings);
        }

        Receipt receipt() throws ReceiptRejected {
            List<Receipt> receipts = receipts();
            assertThat(receipts).hasSize(1);
            return receipts.get(0);
        }

        ReceiptRejected rejection() {
            ReceiptRejected rejected = catchThrowableOfType(ReceiptRejected.class, this::receipts);
            assertThat(rejected).as("the callback is rejected").isNotNull();
            return rejected;
        }

        Callback with(ConfigReader other) {
            return new Callback(format, request, other);
        }
    }

    private static Callback signedTwilio(String... fields) {
        Map<String, String> params = pairs(fields);
        return twilio(TWILIO_URL, TWILIO_TOKEN, params, twilioSignature(TWILIO_TOKEN, TWILIO_URL, params));
    }

    private static Callback twilio(URI url, String authToken, Map<String, String> params, String signature) {
        Map<String, String> headers = new HashMap<>(Map.of("Content-Type", FORM_TYPE));
        if (signature != null) {
            headers.put("X-Twilio-Signature", signature);
        }
        return new Callback(new TwilioReceipts(),
                new ReceiptRequest("POST", url, headers, form(params).getBytes(StandardCharsets.UTF_8)),
                settings("auth-value", authToken));
    }

    /** Twilio: Base64 HMAC-SHA1 keyed with the auth token over the URL and each POST field's name and value, by name. */
    private static String twilioSignature(String authToken, URI url, Map<String, String> params) {
        StringBuilder signed = new StringBuilder(url.toString());
        new TreeMap<>(params).forEach((name, value) -> signed.append(name).append(value));
        return Base64.getEncoder().encodeToString(TestHashes.mac("HmacSHA1", authToken, signed.toString()));
    }

    /** A Vonage delivery receipt stamped a minute ago, with {@code overrides} applied (null removes). */
    private static Map<String, String> vonageFields(String... overrides) {
        Map<String, String> fields = pairs("msisdn", "447700900000", "to", "AcmeInc", "network-code", "23410",
                "messageId", "0B00000012345678", "price", "0.03330000", "status", "delivered", "scts", "2405011159",
                "err-code", "0", "api-key", "abcd1234", "message-timestamp", "2024-05-01 11:59:00",
                "timestamp", Long.toString(NOW.getEpochSecond() - 60), "nonce", "ec11dd3e-1e7f-4db5-9467-82b02cd223b9");
        return overridden(fields, overrides);
    }

    /**
     * Vonage: the fields but sig, without empty ones, sorted by name, written {@code &name=value}
     * with & and = in values as _, then MD5 of that plus the secret (md5hash) or an HMAC keyed with it.
     */
    private static Map<String, String> vonageSigned(Map<String, String> fields, String method, String secret) {
        StringBuilder signed = new StringBuilder();
        new TreeMap<>(fields).forEach((name, value) -> {
            if (!value.isEmpty()) {
                signed.append('&').append(name).append('=').append(value.replace("&", "_").replace("=", "_"));
            }
        });
        String sig = switch (method) {
            case "md5hash" -> hex(TestHashes.digest("MD5", signed + secret));
            case "md5" -> hex(TestHashes.mac("HmacMD5", secret, signed.toString()));
            case "sha1" -> hex(TestHashes.mac("HmacSHA1", secret, signed.toString()));
            case "sha256" -> hex(TestHashes.mac("HmacSHA256", secret, signed.toString()));
            case "sha512" -> hex(TestHashes.mac("HmacSHA512", secret, signed.toString()));
            default -> throw new IllegalArgumentException(method);
        };
        Map<String, String> withSig = new LinkedHashMap<>(fields);
        withSig.put("sig", sig);
        return withSig;
    }

    private static Callback vonage(VonageTransport transport, String method, Map<String, String> fields) {
        return new Callback(new VonageReceipts(CLOCK), transport.request(fields),
                settings("receipt-secret", SECRET, "receipt-signature", method));
    }

    /**
     * Infobip: the send id, a dot and the unpadded base64url HMAC-SHA256 of the receipt address, a
     * line break and the send id.
     */
    private static String infobipCallbackData(String sendId, String secret) {
        return infobipCallbackData(BASE + "infobip", sendId, secret);
    }

    private static String infobipCallbackData(String receiptUrl, String sendId, String secret) {
        return sendId + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                TestHashes.mac("HmacSHA256", secret, receiptUrl + "\n" + sendId));
    }

    private static ObjectNode infobipResult(String messageId, String groupName, int errorId, String callbackData) {
        ObjectNode result = JSON.createObjectNode().put("bulkId", "bulk-1").put("to", "41793026727")
                .put("sentAt", "2024-05-01T11:59:00.000+0000");
        if (messageId != null) {
            result.put("messageId", messageId);
        }
        result.putObject("status").put("groupId", 3).put("groupName", groupName).put("id", 5).put("name", "SOME_STATUS");
        result.putObject("error").put("groupId", 0).put("id", errorId).put("name", "SOME_ERROR");
        if (callbackData != null) {
            result.put("callbackData", callbackData);
        }
        return result;
    }

    private static Callback infobip(ObjectNode... results) {
        ObjectNode report = JSON.createObjectNode();
        report.putArray("results").addAll(List.of(results));
        return new Callback(new InfobipReceipts(), post(URI.create(BASE + "infobip"), JSON_TYPE, json(report)),
                settings("receipt-secret", SECRET));
    }

    private static final String HS256_HEADER = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";

    /** A MessageBird status report URL: the default query with {@code overrides} applied (null removes). */
    private static URI birdUrl(String... overrides) {
        Map<String, String> query = pairs("id", "efa6405d518d4c0c88cce11f7db775fb", "reference", "send-1",
                "recipient", "31612345678", "status", "delivered", "statusDatetime", "2024-05-01T11:59:58+00:00");
        query = overridden(query, overrides);
        return URI.create(BASE + "messagebird?" + form(query));
    }

    /** Claims binding a token to a bodiless call of {@code url}: url_hash is the hex SHA-256 of the full URL. */
    private static ObjectNode birdClaims(URI url) {
        return JSON.createObjectNode().put("iss", "MessageBird").put("nbf", NOW.getEpochSecond())
                .put("exp", NOW.getEpochSecond() + 60).put("jti", "9c5e1a2f-4b7d-4e1c-8a3b-2f6d7e8c9a01")
                .put("url_hash", sha256Hex(url.toString()));
    }

    private static String birdToken(ObjectNode claims) {
        return jwt(HS256_HEADER, SECRET, claims);
    }

    private static String jwt(String header, String key, ObjectNode claims) {
        String signed = base64Url(header) + "." + base64Url(json(claims));
        return signed + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(TestHashes.mac("HmacSHA256", key, signed));
    }

    private static Callback bird(URI url, String token) {
        return new Callback(new BirdReceipts(CLOCK),
                new ReceiptRequest("GET", url, Map.of("MessageBird-Signature-JWT", token), new byte[0]),
                settings("receipt-secret", SECRET));
    }

    /** The webhook preset: hex HMAC-SHA256 of the body keyed with receipt-secret. */
    private static String webhookSignature(String body) {
        return hex(TestHashes.mac("HmacSHA256", SECRET, body));
    }

    private static Callback webhook(String body, String signature) {
        Map<String, String> headers = new HashMap<>(Map.of("Content-Type", JSON_TYPE));
        if (signature != null) {
            headers.put("X-Signature", signature);
        }
        return new Callback(new WebhookReceipts(),
                new ReceiptRequest("POST", URI.create(BASE + "webhook"), headers, body.getBytes(StandardCharsets.UTF_8)),
                settings("receipt-secret", SECRET));
    }

    private static Callback meta(String body, String signature) {
        Map<String, String> headers = new HashMap<>(Map.of("Content-Type", JSON_TYPE));
        if (signature != null) {
            headers.put("X-Hub-Signature-256", signature);
        }
        return new Callback(new MetaReceipts(),
                new ReceiptRequest("POST", URI.create(BASE + "whatsapp"), headers, body.getBytes(StandardCharsets.UTF_8)),
                settings("receipt-secret", SECRET));
    }

    private static ReceiptRequest subscription(String mode, String token, String challenge) {
        return new ReceiptRequest("GET", URI.create(BASE + "whatsapp?" + form(pairs("hub.mode", mode,
                "hub.verify_token", token, "hub.challenge", challenge))), Map.of(), new byte[0]);
    }

    // --- Plumbing ----------------------------------------------------------------------------

    /** A sender's settings as the realm stores them, scoped like the HTTP sender's (cf. GatewayPresetTest). */
    private static ConfigReader settings(String... keyValues) {
        Map<String, String> config = new HashMap<>();
        pairs(keyValues).forEach((key, value) -> config.put("http." + key, value));
        return ConfigReader.of(config).scoped("http", value -> value, key -> null);
    }

    private static Map<String, String> pairs(String... namesAndValues) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            pairs.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return pairs;
    }

    private static Map<String, String> overridden(Map<String, String> fields, String... overrides) {
        fields.putAll(pairs(overrides));
        fields.values().removeIf(Objects::isNull);
        return fields;
    }

    private static ReceiptRequest post(URI url, String contentType, String body) {
        return new ReceiptRequest("POST", url, Map.of("Content-Type", contentType), body.getBytes(StandardCharsets.UTF_8));
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256Hex(String data) {
        return hex(TestHashes.digest("SHA-256", data));
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static String base64Url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
