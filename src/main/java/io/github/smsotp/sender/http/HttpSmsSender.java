package io.github.smsotp.sender.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;

import io.github.smsotp.config.ConfigReader;
import io.github.smsotp.sender.SmsMessage;
import io.github.smsotp.sender.SmsSendException;
import io.github.smsotp.sender.SmsSender;

/**
 * Posts the message to a generic HTTP gateway. A 2xx answer means accepted; anything else, a
 * timeout or a connection failure is a send failure. Exception messages name the masked number
 * only, never the text (it holds the code) nor the request URL (the query format puts both in it).
 */
public class HttpSmsSender implements SmsSender {

    private final HttpClient client;

    HttpSmsSender(HttpClient client) {
        this.client = client;
    }

    @Override
    public void send(SmsMessage message, ConfigReader settings) throws SmsSendException {
        HttpGatewaySettings gateway = HttpGatewaySettings.from(settings);
        int status;
        try {
            // Only the status matters; the body is not awaited, so a gateway that stalls after
            // its headers cannot hold the login thread.
            HttpResponse<InputStream> response = client.send(gateway.toRequest(message),
                    HttpResponse.BodyHandlers.ofInputStream());
            status = response.statusCode();
            response.body().close();
        } catch (HttpTimeoutException e) {
            throw new SmsSendException("HTTP gateway " + gateway.url().getAuthority() + " did not answer within "
                    + gateway.timeout().toMillis() + " ms (to " + message.maskedTo() + ")");
        } catch (IOException e) {
            throw new SmsSendException("HTTP gateway " + gateway.url().getAuthority() + " could not be reached: "
                    + e.getClass().getSimpleName() + " (to " + message.maskedTo() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SmsSendException("interrupted while sending to " + message.maskedTo());
        }
        if (status < 200 || status > 299) {
            throw new SmsSendException("HTTP gateway " + gateway.url().getAuthority() + " answered HTTP " + status
                    + " (to " + message.maskedTo() + ")");
        }
    }
}
