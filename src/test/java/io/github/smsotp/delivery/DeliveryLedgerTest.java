package io.github.smsotp.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import io.github.smsotp.TestClock;
import io.github.smsotp.delivery.DeliveryLedger.Outcome;
import io.github.smsotp.limits.InMemorySingleUseStore;
import io.github.smsotp.sender.DeliveryStatus;
import io.github.smsotp.sender.Receipt;
import org.junit.jupiter.api.Test;

/** The ledger on a store that defers puts to the end of each request, as Keycloak's does. */
class DeliveryLedgerTest {

    private final InMemorySingleUseStore store = new InMemorySingleUseStore(new TestClock());
    private final DeliveryLedger ledger = new DeliveryLedger(store);

    @Test
    void aReceiptThatArrivesBeforeTheSendingRequestEndsIsTaken() {
        Outcome outcome = store.request(() -> {
            ledger.sent("realm-1", "send-1", "http", Optional.of("SM1"));
            // The provider's callback, on another node, while the send's request still runs.
            return store.request(() -> ledger.record("realm-1", "http", receipt("SM1", DeliveryStatus.FAILED)));
        });

        assertThat(outcome).isEqualTo(Outcome.RECORDED);
        assertThat(store.request(() -> ledger.outcome("realm-1", "send-1"))).flatMap(SendOutcome::delivery)
                .map(DeliveryLedger.Delivery::status)
                .contains(DeliveryStatus.FAILED);
    }

    @Test
    void theFirstFinalStatusHoldsAndTheSameReceiptAgainIsAReplay() {
        store.run(() -> ledger.sent("realm-1", "send-1", "http", Optional.of("SM1")));

        assertThat(store.request(() -> ledger.record("realm-1", "http", receipt("SM1", DeliveryStatus.DELIVERED))))
                .isEqualTo(Outcome.RECORDED);
        assertThat(store.request(() -> ledger.record("realm-1", "http", receipt("SM1", DeliveryStatus.DELIVERED))))
                .isEqualTo(Outcome.REPLAYED);
        assertThat(store.request(() -> ledger.record("realm-1", "http", receipt("SM1", DeliveryStatus.FAILED))))
                .as("a later, different final status is taken but changes nothing").isEqualTo(Outcome.RECORDED);

        assertThat(store.request(() -> ledger.outcome("realm-1", "send-1"))).flatMap(SendOutcome::delivery)
                .map(DeliveryLedger.Delivery::status)
                .contains(DeliveryStatus.DELIVERED);
    }

    @Test
    void statusesOnTheWayAreTakenEachTimeAndChangeNothing() {
        store.run(() -> ledger.sent("realm-1", "send-1", "http", Optional.of("SM1")));

        assertThat(store.request(() -> ledger.record("realm-1", "http", receipt("SM1", DeliveryStatus.PENDING))))
                .isEqualTo(Outcome.RECORDED);
        assertThat(store.request(() -> ledger.record("realm-1", "http", receipt("SM1", DeliveryStatus.PENDING))))
                .isEqualTo(Outcome.RECORDED);
        assertThat(store.request(() -> ledger.outcome("realm-1", "send-1"))).map(SendOutcome::label).contains("sent");
    }

    @Test
    void aMessageOfAnotherRealmOrSenderIsUnknown() {
        store.run(() -> ledger.sent("realm-1", "send-1", "http", Optional.of("SM1")));

        assertThat(store.request(() -> ledger.record("realm-2", "http", receipt("SM1", DeliveryStatus.FAILED))))
                .isEqualTo(Outcome.UNKNOWN_MESSAGE);
        assertThat(store.request(() -> ledger.record("realm-1", "eu", receipt("SM1", DeliveryStatus.FAILED))))
                .isEqualTo(Outcome.UNKNOWN_MESSAGE);
        assertThat(store.request(() -> ledger.outcome("realm-1", "send-1"))).map(SendOutcome::receiptAwaited)
                .contains(true);
    }

    @Test
    void aSignedReferenceOfAnotherSendIsRefused() {
        store.run(() -> {
            ledger.sent("realm-1", "send-1", "http", Optional.of("ib-1"));
            ledger.sent("realm-1", "send-2", "http", Optional.of("ib-2"));
        });

        Receipt borrowed = new Receipt("ib-2", DeliveryStatus.FAILED, Optional.empty(), Optional.of("send-1"));
        assertThat(store.request(() -> ledger.record("realm-1", "http", borrowed))).isEqualTo(Outcome.OTHER_SEND);
        Receipt own = new Receipt("ib-2", DeliveryStatus.FAILED, Optional.empty(), Optional.of("send-2"));
        assertThat(store.request(() -> ledger.record("realm-1", "http", own))).isEqualTo(Outcome.RECORDED);
    }

    @Test
    void theOutcomeOfASendIsUnknownUntilTheGatewayAnswered() {
        assertThat(store.request(() -> ledger.outcome("realm-1", "send-1"))).isEmpty();

        store.run(() -> ledger.sent("realm-1", "send-1", "log", Optional.empty()));
        store.run(() -> ledger.failed("send-2", "http"));

        SendOutcome sent = store.request(() -> ledger.outcome("realm-1", "send-1")).orElseThrow();
        assertThat(sent.label()).isEqualTo("sent");
        assertThat(sent.receiptAwaited()).as("no message id: no receipt will come").isFalse();
        SendOutcome failed = store.request(() -> ledger.outcome("realm-1", "send-2")).orElseThrow();
        assertThat(failed.label()).isEqualTo("send_failed");
        assertThat(failed.senderId()).isEqualTo("http");
        assertThat(store.request(() -> ledger.record("realm-1", "http", receipt("SM9", DeliveryStatus.DELIVERED))))
                .as("a failed send has no message a receipt could name").isEqualTo(Outcome.UNKNOWN_MESSAGE);
    }

    private static Receipt receipt(String messageId, DeliveryStatus status) {
        return new Receipt(messageId, status, Optional.empty());
    }
}
