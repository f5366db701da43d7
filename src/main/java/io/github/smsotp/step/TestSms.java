package io.github.smsotp.step;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import io.github.smsotp.config.ConfigReader;
import io.github.smsotp.config.InvalidConfigException;
import io.github.smsotp.limits.RequestWrites;
import io.github.smsotp.limits.SendLimiter;
import io.github.smsotp.limits.SlotCounter;
import io.github.smsotp.phone.MaskedPhone;
import io.github.smsotp.sender.SmsMessage;
import io.github.smsotp.sender.SmsSendException;
import io.github.smsotp.settings.SmsOtpConfig;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * An SMS an admin sends to check the realm's sender without signing in: the same settings, sender,
 * fallback and realm budget as a code, and an answer that says what happened.
 */
public final class TestSms {

    /**
     * @param outcome {@code sent}, {@code failed} (the sender or its fallback refused or broke),
     *                {@code refused} (the realm's budget is spent) or {@code misconfigured}
     * @param sender  the sender that delivered it, or the one tried first when none did; null when none was tried
     * @param reason  why it was not sent (a provider's reason has its digit runs blanked); null when sent
     * @param to      the number, masked
     */
    public record Result(String outcome, String sender, String reason, long millis, String to) {
    }

    private TestSms() {
    }

    /**
     * @param to   an E.164 number
     * @param text the message, without a code
     */
    public static Result send(KeycloakSession session, RealmModel realm, ConfigReader settings, String to, String text) {
        long start = System.nanoTime();
        String masked = MaskedPhone.mask(to);
        SmsOtpConfig config;
        SenderChoice sender;
        try {
            config = SmsOtpConfig.from(settings);
            sender = SenderChoice.resolve(session, config, settings, to);
        } catch (InvalidConfigException e) {
            return new Result("misconfigured", null, e.getMessage(), millisSince(start), masked);
        }
        SendLimiter limiter = new SendLimiter(new SlotCounter(session.singleUseObjects(), Clock.systemUTC(),
                RequestWrites.of(session)));
        if (limiter.tryAdminSend(config.limits(), realm.getId()) instanceof SendLimiter.Refused refused) {
            return new Result("refused", null, "the realm's limit of SMS per hour is reached; it frees at "
                    + refused.retryAt(), millisSince(start), masked);
        }
        try {
            String used = sender.send(new SmsMessage(to, text), realm.getName(), Optional.empty()).senderId();
            return new Result("sent", used, null, millisSince(start), masked);
        } catch (SmsSendException e) {
            return new Result("failed", sender.primaryId(), e.getMessage(), millisSince(start), masked);
        }
    }

    private static long millisSince(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
    }
}
