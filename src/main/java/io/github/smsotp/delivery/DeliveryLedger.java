package io.github.smsotp.delivery;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.github.smsotp.sender.DeliveryStatus;
import io.github.smsotp.sender.Receipt;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * What became of each code's send, and what the providers' receipts said of it, in Keycloak's
 * single-use store so that any node may take a callback and any node may show the page. Entries
 * live ten minutes, the longest a code may live.
 * <ul>
 *   <li>{@code message}: the provider accepted a message with this id. Written with
 *       {@code putIfAbsent}, which the store applies at once: a receipt may arrive before the
 *       send's transaction has ended.</li>
 *   <li>{@code send}: the outcome of a login tab's send (the sender that took it and its message,
 *       or that it failed), written once the gateway answered, for the tab's pages.</li>
 *   <li>{@code verification}: the provider's id of the verification a Verify API started for a
 *       code, under the code's id, for the request that checks the code.</li>
 *   <li>{@code seen}: a final receipt already taken, so that a replayed callback changes nothing.</li>
 *   <li>{@code final} and {@code state}: the message's final status. Of two final receipts racing,
 *       the one that claims {@code final} first (at once) is the one written.</li>
 * </ul>
 */
public final class DeliveryLedger {

    /** How long the ledger keeps an entry: the longest code lifetime there is. */
    public static final Duration KEPT = Duration.ofMinutes(10);

    private static final String PREFIX = "sms-otp:delivery:";
    private static final String SENDER = "sender";
    private static final String MESSAGE = "message";
    private static final String STATUS = "status";
    private static final String ERROR = "error";
    private static final String FAILED = "failed";

    /** What became of a receipt. */
    public enum Outcome { RECORDED, UNKNOWN_MESSAGE, REPLAYED, OTHER_SEND }

    /** A message's final delivery status, and the provider's error code if it gave one. */
    public record Delivery(DeliveryStatus status, Optional<String> errorCode) {
    }

    private final SingleUseObjectProvider store;

    public DeliveryLedger(SingleUseObjectProvider store) {
        this.store = store;
    }

    /**
     * A sender took the send {@code sendId}. Where it gave the provider's {@code messageId} (it asked
     * for receipts), the message's receipts count from now.
     */
    public void sent(String realmId, String sendId, String senderId, Optional<String> messageId) {
        messageId.ifPresent(id -> store.putIfAbsent(messageKey(realmId, senderId, id), KEPT.toSeconds()));
        store.put(sendKey(sendId), KEPT.toSeconds(), messageId.map(id -> Map.of(SENDER, senderId, MESSAGE, id))
                .orElse(Map.of(SENDER, senderId)));
    }

    /** A provider's Verify API started verification {@code verificationId} for the code {@code codeId}. */
    public void verificationStarted(String codeId, String verificationId) {
        store.put(PREFIX + "verification:" + codeId, KEPT.toSeconds(), Map.of(MESSAGE, verificationId));
    }

    /** The provider's id of the verification of code {@code codeId}: empty while none was started. */
    public Optional<String> verification(String codeId) {
        return Optional.ofNullable(store.get(PREFIX + "verification:" + codeId)).map(entry -> entry.get(MESSAGE));
    }

    /** The send {@code sendId} failed: the sender named (and a fallback) could not take it. */
    public void failed(String sendId, String senderId) {
        store.put(sendKey(sendId), KEPT.toSeconds(), Map.of(SENDER, senderId, FAILED, "true"));
    }

    /**
     * Takes an authentic receipt. A final status is taken once: the same again is a replay. Statuses
     * on the way (queued, sent) change nothing and are not checked for replays, as providers send
     * several of them.
     */
    public Outcome record(String realmId, String senderId, Receipt receipt) {
        String message = messageKey(realmId, senderId, receipt.messageId());
        if (!store.contains(message)) {
            return Outcome.UNKNOWN_MESSAGE;
        }
        if (receipt.reference().map(send -> store.get(sendKey(send)))
                .map(send -> !receipt.messageId().equals(send.get(MESSAGE))).orElse(false)) {
            return Outcome.OTHER_SEND;
        }
        if (!receipt.status().isFinal()) {
            return Outcome.RECORDED;
        }
        String seen = message + ":seen:" + receipt.status().name() + ":" + receipt.errorCode().orElse("");
        if (!store.putIfAbsent(seen, KEPT.toSeconds())) {
            return Outcome.REPLAYED;
        }
        if (store.putIfAbsent(message + ":final", KEPT.toSeconds())) {
            store.put(message + ":state", KEPT.toSeconds(), receipt.errorCode()
                    .map(error -> Map.of(STATUS, receipt.status().name(), ERROR, error))
                    .orElse(Map.of(STATUS, receipt.status().name())));
        }
        return Outcome.RECORDED;
    }

    /** What became of a login tab's send: empty while the gateway has not answered. */
    public Optional<SendOutcome> outcome(String realmId, String sendId) {
        Map<String, String> send = store.get(sendKey(sendId));
        if (send == null) {
            return Optional.empty();
        }
        if (send.containsKey(FAILED)) {
            return Optional.of(SendOutcome.failed(send.get(SENDER)));
        }
        if (!send.containsKey(MESSAGE)) {
            return Optional.of(SendOutcome.sent(send.get(SENDER), false, Optional.empty()));
        }
        Map<String, String> state = store.get(messageKey(realmId, send.get(SENDER), send.get(MESSAGE)) + ":state");
        return Optional.of(SendOutcome.sent(send.get(SENDER), true, Optional.ofNullable(state)
                .map(s -> new Delivery(DeliveryStatus.valueOf(s.get(STATUS)), Optional.ofNullable(s.get(ERROR))))));
    }

    private static String sendKey(String sendId) {
        return PREFIX + "send:" + sendId;
    }

    private static String messageKey(String realmId, String senderId, String messageId) {
        return PREFIX + "message:" + realmId + ":" + senderId + ":" + messageId;
    }
}
