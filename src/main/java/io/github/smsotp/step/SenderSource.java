package io.github.smsotp.step;

import java.util.Optional;

import io.github.smsotp.config.ConfigReader;
import io.github.smsotp.settings.SmsOtpConfig;
import org.keycloak.models.KeycloakSession;

/**
 * The senders as the send's session has them: where the request waits for the send, those it
 * resolved; after the response, resolved again in the send's own session from the settings as
 * written (routes, fallback and vault secrets apply there), holding nothing of the request's.
 */
interface SenderSource {

    /** The SMS senders for the number: its route, else the step's sender, and the fallback. */
    SenderChoice sms(KeycloakSession session);

    /** The WhatsApp sender, where the step's channels include WhatsApp. */
    Optional<WhatsAppChoice> whatsApp(KeycloakSession session);

    /** The provider's Verify API, where it makes the step's codes. */
    Optional<VerifyChoice> verify(KeycloakSession session);

    /** As the send of {@code request} needs them: resolved again unless the request waits for the send. */
    static SenderSource of(StepRequest request, Senders senders, String phone) {
        return request.context().dispatch() == Dispatch.IN_REQUEST ? new Resolved(senders)
                : new FromSettings(request.config(), senders.settings(), phone);
    }

    /** Those the request resolved: only while the request lasts. */
    record Resolved(Senders senders) implements SenderSource {

        @Override
        public SenderChoice sms(KeycloakSession session) {
            return senders.sms();
        }

        @Override
        public Optional<WhatsAppChoice> whatsApp(KeycloakSession session) {
            return senders.whatsApp();
        }

        @Override
        public Optional<VerifyChoice> verify(KeycloakSession session) {
            return senders.verify();
        }
    }

    /** Resolved in whichever session asks, from the settings as written. */
    record FromSettings(SmsOtpConfig config, ConfigReader settings, String phone) implements SenderSource {

        @Override
        public SenderChoice sms(KeycloakSession session) {
            return SenderChoice.resolve(session, config, settings, phone);
        }

        @Override
        public Optional<WhatsAppChoice> whatsApp(KeycloakSession session) {
            return WhatsAppChoice.resolve(session, config, settings);
        }

        @Override
        public Optional<VerifyChoice> verify(KeycloakSession session) {
            return VerifyChoice.resolve(session, config, settings);
        }
    }
}
