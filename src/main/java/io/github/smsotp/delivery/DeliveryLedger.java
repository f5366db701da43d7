package io.github.smsotp.delivery;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.github.smsotp.sender.DeliveryStatus;
import io.github.smsotp.sender.Receipt;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * What the providers' receipts said of each code's SMS, in Keycloak's single-use store so that any
 * node may take a callback and any node may show the page. Entries live ten minutes, the longest
 * a code may live.
 * <ul>
 *   <li>{@code message}: the provider accepted a message with this id. Written with
 *       {@code putIfAbsent}, which the store applies at once: a receipt may arrive before the
 *       request that sent the message has ended.</li>
 *   <li>{@code send}: which message a login tab's send became, for the tab's page.</li>
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

    /** What became of a receipt. */
    public enum Outcome { RECORDED, UNKNOWN_MESSAGE, REPLAYED, OTHER_SEND }

    /** A message's final delivery status, and the provider's error code if it gave one. */
    public record Delivery(DeliveryStatus status, Optional<String> errorCode) {
    }

    private final SingleUseObjectProvider store;

    public DeliveryLedger(SingleUseObjectProvider store) {
        this.store = store;
    }

    /** The provider accepted the send {@code sendId} as {@code messageId}: its receipts count from now. */
    public void track(String realmId, String senderId, String messageId, String sendId) {
        store.putIfAbsent(messageKey(realmId, senderId, messageId), KEPT.toSeconds());
        store.put(PREFIX + "send:" + sendId, KEPT.toSeconds(), Map.of(SENDER, senderId, MESSAGE, messageId));
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
        if (receipt.reference().map(send -> store.get(PREFIX + "send:" + send))
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

    /** The final status of a login tab's send, once a receipt told it. */
    public Optional<Delivery> status(String realmId, String sendId) {
        Map<String, String> send = store.get(PREFIX + "send:" + sendId);
        if (send == null) {
            return Optional.empty();
        }
        Map<String, String> state = store.get(messageKey(realmId, send.get(SENDER), send.get(MESSAGE)) + ":state");
        if (state == null) {
            return Optional.empty();
        }
        return Optional.of(new Delivery(DeliveryStatus.valueOf(state.get(STATUS)),
                Optional.ofNullable(state.get(ERROR))));
    }

    private static String messageKey(String realmId, String senderId, String messageId) {
        return PREFIX + "message:" + realmId + ":" + senderId + ":" + messageId;
    }
}
