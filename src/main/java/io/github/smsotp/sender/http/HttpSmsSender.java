package io.github.smsotp.sender.http;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.smsotp.config.ConfigReader;
import io.github.smsotp.sender.ProviderReason;
import io.github.smsotp.sender.Receipt;
import io.github.smsotp.sender.ReceiptRejected;
import io.github.smsotp.sender.ReceiptRequest;
import io.github.smsotp.sender.SmsMessage;
import io.github.smsotp.sender.SmsSendException;
import io.github.smsotp.sender.SmsSender;

/**
 * Sends through an HTTP gateway, generic or a provider preset. A refusal, an error status, a
 * timeout or a connection failure is a send failure. Exception messages name the masked number
 * and the provider's reason, never the text (it holds the code) nor the request URL (the query
 * format puts both in it); long digit runs in a provider's reason are blanked for the same reason.
 */
public class HttpSmsSender implements SmsSender {

    /** A stand-in message: building its request runs every check a real send's request would. */
    private static final SmsMessage PROBE = new SmsMessage("+10000000000", "000000");

    private final HttpClient client;

    HttpSmsSender(HttpClient client) {
        this.client = client;
    }

    @Override
    public void validate(ConfigReader settings) {
        GatewayCall.of(settings, PROBE);
        if (settings.choice(RECEIPTS, "off", Set.of("on", "off")).equals("on")) {
            preset(settings).receiptSecretKey().ifPresent(settings::require);
        }
    }

    @Override
    public List<Receipt> readReceipts(ReceiptRequest request, ConfigReader settings) throws ReceiptRejected {
        return preset(settings).receipts().read(request, settings);
    }

    /** The preset the settings name; the custom gateway has no receipt format of its own. */
    private static GatewayPreset preset(ConfigReader settings) {
        String preset = GatewayCall.preset(settings);
        if (preset.equals(GatewayCall.CUSTOM)) {
            throw settings.invalid(RECEIPTS, "works with a provider preset only: the custom gateway's receipts "
                    + "have no known format");
        }
        return GatewayPreset.valueOf(preset.toUpperCase(Locale.ROOT));
    }

    @Override
    public void send(SmsMessage message, ConfigReader settings) throws SmsSendException {
        sendTracked(message, settings);
    }

    @Override
    public Optional<String> sendTracked(SmsMessage message, ConfigReader settings) throws SmsSendException {
        GatewayCall call = GatewayCall.of(settings, message);
        String gateway = "HTTP gateway " + call.url().getAuthority();
        HttpResponse<byte[]> response;
        CompletableFuture<HttpResponse<byte[]>> exchange =
                client.sendAsync(call.request(), HttpResponse.BodyHandlers.ofByteArray());
        try {
            // The whole exchange is bounded, body included: a gateway that stalls cannot hold the login.
            response = exchange.get(call.timeout().toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw timedOut(gateway, call, message);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof HttpTimeoutException) {
                throw timedOut(gateway, call, message);
            }
            throw new SmsSendException(gateway + " could not be reached: " + e.getCause().getClass().getSimpleName()
                    + " (to " + message.maskedTo() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SmsSendException("interrupted while sending to " + message.maskedTo());
        }
        String body = new String(response.body(), StandardCharsets.UTF_8);
        Optional<String> failure = call.failure(response.statusCode(), body);
        if (failure.isPresent()) {
            String reason = failure.get().startsWith("HTTP ") ? "answered " + failure.get()
                    : "refused (HTTP " + response.statusCode() + "): " + ProviderReason.forLog(failure.get());
            throw new SmsSendException(gateway + " " + reason + " (to " + message.maskedTo() + ")");
        }
        return call.messageId(body);
    }

    private static SmsSendException timedOut(String gateway, GatewayCall call, SmsMessage message) {
        return new SmsSendException(gateway + " did not answer within " + call.timeout().toMillis() + " ms (to "
                + message.maskedTo() + ")");
    }
}
