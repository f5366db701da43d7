package io.github.smsotp.receipts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
import io.github.smsotp.sender.WhatsAppSender;
import io.github.smsotp.sender.WhatsAppSenderSpi;
import io.github.smsotp.settings.SettingsRegistry;
import io.github.smsotp.settings.SmsOtpConfig;
import io.github.smsotp.settings.SmsSettings;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
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
            ReceiptRequest request = request(method, body);
            return SettingsRegistry.WHATSAPP_SCOPE.equals(senderId) ? whatsApp(request)
                    : record(senderId, read(senderId, request), false);
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

    private ReceiptRequest request(String method, byte[] body) {
        HttpHeaders headers = session.getContext().getRequestHeaders();
        Map<String, String> firstValues = new LinkedHashMap<>();
        headers.getRequestHeaders().forEach((header, values) -> {
            if (!values.isEmpty()) {
                firstValues.put(header, values.get(0));
            }
        });
        return new ReceiptRequest(method, session.getContext().getUri().getRequestUri(), firstValues, body);
    }

    private List<Receipt> read(String name, ReceiptRequest request) throws ReceiptRejected {
        ConfigReader config = SmsSettings.resolve(realm, null);
        // The address names a route, or a sender that takes numbers without one.
        String id = SmsOtpConfig.routes(config).named(name).map(SenderRoutes.Route::senderId).orElse(name);
        SmsSender sender = session.getProvider(SmsSender.class, id);
        if (sender == null) {
            throw new ReceiptRejected(ReceiptRejected.NOT_FOUND, "no sender '" + name + "' here");
        }
        return sender.readReceipts(request, SenderSettings.of(session, config, id, name));
    }

    /**
     * The WhatsApp sender's statuses, where its receipts are on; and the provider's check of the
     * address (Meta's subscription GET), answered with its challenge.
     */
    private Response whatsApp(ReceiptRequest request) throws ReceiptRejected {
        ConfigReader config = SmsSettings.resolve(realm, null);
        String id = SettingsRegistry.WHATSAPP_SENDER.valueOrDefault(config);
        WhatsAppSender sender = session.getProvider(WhatsAppSender.class, id);
        ConfigReader settings = SenderSettings.of(session, config, WhatsAppSenderSpi.NAME, id,
                SettingsRegistry.WHATSAPP_SCOPE);
        if (sender == null || !settings.choice(SmsSender.RECEIPTS, "off", Set.of("on", "off")).equals("on")) {
            throw new ReceiptRejected(ReceiptRejected.NOT_FOUND, "this realm takes no WhatsApp receipts");
        }
        Optional<String> challenge = sender.subscription(request, settings);
        if (challenge.isPresent()) {
            return DeliveryResource.noStore(Response.ok(challenge.get(), MediaType.TEXT_PLAIN_TYPE));
        }
        return record(SettingsRegistry.WHATSAPP_SCOPE, sender.readReceipts(request, settings), true);
    }

    /**
     * @param sharedAddress the provider posts every status of the account here (Meta's webhook), so one
     *                      that names no message of ours is no error: it is taken, and nothing recorded
     */
    private Response record(String senderId, List<Receipt> receipts, boolean sharedAddress) {
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
        if (sharedAddress) {
            return answer(200, null);
        }
        return answer(404, "no message of this sender here has that id");
    }

    private static Response answer(int status, String error) {
        return DeliveryResource.noStore(Response.status(status)
                .entity(error == null ? Map.of("status", "recorded") : Map.of("error", error)));
    }
}
