package io.github.smsotp.receipts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.smsotp.config.ConfigReader;
import io.github.smsotp.config.InvalidConfigException;
import io.github.smsotp.delivery.DeliveryLedger;
import io.github.smsotp.metrics.SmsOtpMetrics;
import io.github.smsotp.sender.Receipt;
import io.github.smsotp.sender.ReceiptRejected;
import io.github.smsotp.sender.ReceiptRequest;
import io.github.smsotp.sender.SenderRoutes;
import io.github.smsotp.sender.SenderSettings;
import io.github.smsotp.sender.SmsSender;
import io.github.smsotp.settings.SmsOtpConfig;
import io.github.smsotp.settings.SmsSettings;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Takes one provider callback: the sender checks its signature and reads it with the realm's
 * settings of that sender, then the ledger records each receipt once. The caller learns what was
 * wrong from the status: 401 for a missing or wrong signature (or one made for another message),
 * 400 for an unreadable or replayed callback, 404 for a sender or message nobody here knows. Nothing in the request is
 * logged but the realm, the sender and the reason.
 */
final class ReceiptIntake {

    private static final Logger LOG = Logger.getLogger(ReceiptIntake.class);

    private final KeycloakSession session;
    private final RealmModel realm;

    ReceiptIntake(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    Response take(String senderId, String method, byte[] body) {
        try {
            return record(senderId, read(senderId, method, body));
        } catch (ReceiptRejected e) {
            LOG.infof("SMS receipt for sender '%s' in realm '%s' refused (%d): %s", senderId, realm.getName(),
                    e.status(), e.getMessage());
            // What is wrong with a signature is the operator's to read in the log, not the caller's.
            return answer(e.status(), e.status() == ReceiptRejected.UNSIGNED
                    ? "the signature is missing or does not match" : e.getMessage());
        } catch (InvalidConfigException e) {
            LOG.warnf("SMS receipts for sender '%s' in realm '%s' cannot be checked: %s", senderId, realm.getName(),
                    e.getMessage());
            return answer(404, "this realm takes no receipts for sender '" + senderId + "'");
        } catch (RuntimeException e) {
            // Only the type: a message might quote what the caller sent.
            LOG.errorf("SMS receipt for sender '%s' in realm '%s' could not be read: %s", senderId, realm.getName(),
                    e.getClass().getName());
            return answer(400, "the receipt could not be read");
        }
    }

    private List<Receipt> read(String name, String method, byte[] body) throws ReceiptRejected {
        ConfigReader config = SmsSettings.resolve(realm, null);
        // The address names a route, or a sender that takes numbers without one.
        String id = SmsOtpConfig.routes(config).named(name).map(SenderRoutes.Route::senderId).orElse(name);
        SmsSender sender = session.getProvider(SmsSender.class, id);
        if (sender == null) {
            throw new ReceiptRejected(ReceiptRejected.NOT_FOUND, "no sender '" + name + "' here");
        }
        HttpHeaders headers = session.getContext().getRequestHeaders();
        Map<String, String> firstValues = new LinkedHashMap<>();
        headers.getRequestHeaders().forEach((header, values) -> {
            if (!values.isEmpty()) {
                firstValues.put(header, values.get(0));
            }
        });
        ReceiptRequest request = new ReceiptRequest(method, session.getContext().getUri().getRequestUri(), firstValues,
                body);
        return sender.readReceipts(request, SenderSettings.of(session, config, id, name));
    }

    private Response record(String senderId, List<Receipt> receipts) {
        DeliveryLedger ledger = new DeliveryLedger(session.singleUseObjects());
        int recorded = 0;
        int replayed = 0;
        int forged = 0;
        for (Receipt receipt : receipts) {
            switch (ledger.record(realm.getId(), senderId, receipt)) {
                case RECORDED -> {
                    recorded++;
                    SmsOtpMetrics.global().delivery(realm.getName(), senderId, receipt.status().label());
                }
                case REPLAYED -> replayed++;
                case OTHER_SEND -> forged++;
                case UNKNOWN_MESSAGE -> { }
            }
        }
        if (forged > 0) {
            LOG.infof("SMS receipt for sender '%s' in realm '%s' refused (401): signed for another message",
                    senderId, realm.getName());
            return answer(401, "the signature is missing or does not match");
        }
        if (recorded > 0) {
            return answer(200, null);
        }
        if (replayed > 0) {
            return answer(400, "this receipt was taken before");
        }
        return answer(404, "no message of this sender here has that id");
    }

    private static Response answer(int status, String error) {
        return DeliveryResource.noStore(Response.status(status)
                .entity(error == null ? Map.of("status", "recorded") : Map.of("error", error)));
    }
}
