package io.github.smsotp.sender.http;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.smsotp.sender.ProviderReason;
import io.github.smsotp.sender.SmsSendException;

/**
 * One request to a provider, SMS or call. A refusal, an error status, a timeout or a connection
 * failure is a send failure. Exception messages name the masked number and the provider's reason,
 * never the text (it holds the code) nor the request URL (the query format puts both in it); long
 * digit runs in a provider's reason are blanked for the same reason.
 */
final class GatewayExchange {

    private GatewayExchange() {
    }

    /**
     * The provider's answer to an accepted request. The exchange is a blocking send on the client's
     * own executor (which {@link HttpChannel} always sets), awaited here for a bounded time.
     * Not {@code sendAsync}: the JDK hands each async send's completion to CompletableFuture's
     * default pool, which on a Keycloak with one CPU is a new thread per task, two per SMS.
     */
    static String run(HttpClient client, GatewayCall call, String maskedTo) throws SmsSendException {
        return accepted(call, answer(client, call, maskedTo), maskedTo);
    }

    /** The body of an answer the provider gave to accept {@code call}; a refusal is a send failure. */
    static String accepted(GatewayCall call, Answer answer, String maskedTo) throws SmsSendException {
        Optional<String> failure = call.failure(answer.status(), answer.body());
        if (failure.isPresent()) {
            String reason = failure.get().startsWith("HTTP ") ? "answered " + failure.get()
                    : "refused (HTTP " + answer.status() + "): " + ProviderReason.forLog(failure.get());
            throw new SmsSendException(gateway(call) + " " + reason + " (to " + maskedTo + ")");
        }
        return answer.body();
    }

    /** A status and body as the provider answered them. */
    record Answer(int status, String body) {
    }

    /**
     * The provider's answer, whatever its status: for exchanges whose error statuses are answers too
     * (a Verify API's "wrong code"). A timeout or a connection failure is a send failure.
     */
    static Answer answer(HttpClient client, GatewayCall call, String maskedTo) throws SmsSendException {
        String gateway = gateway(call);
        HttpResponse<byte[]> response;
        FutureTask<HttpResponse<byte[]>> exchange =
                new FutureTask<>(() -> client.send(call.request(), HttpResponse.BodyHandlers.ofByteArray()));
        client.executor().orElseThrow(() -> new IllegalStateException("the HTTP client has no executor"))
                .execute(exchange);
        try {
            // The whole exchange is bounded, body included: a gateway that stalls cannot hold the login.
            response = exchange.get(call.timeout().toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // Interrupts the send, which cancels its exchange and frees the executor's thread.
            exchange.cancel(true);
            throw timedOut(gateway, call, maskedTo);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof HttpTimeoutException) {
                throw timedOut(gateway, call, maskedTo);
            }
            throw new SmsSendException(gateway + " could not be reached: " + e.getCause().getClass().getSimpleName()
                    + " (to " + maskedTo + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SmsSendException("interrupted while sending to " + maskedTo);
        }
        return new Answer(response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
    }

    private static String gateway(GatewayCall call) {
        return "HTTP gateway " + call.url().getAuthority();
    }

    private static SmsSendException timedOut(String gateway, GatewayCall call, String maskedTo) {
        return new SmsSendException(gateway + " did not answer within " + call.timeout().toMillis() + " ms (to "
                + maskedTo + ")");
    }
}
