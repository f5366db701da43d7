package io.github.smsotp.sender.http;

import java.net.http.HttpClient;
import java.util.Optional;

import io.github.smsotp.config.ConfigReader;
import io.github.smsotp.sender.SmsSendException;

/**
 * What the HTTP sender of every channel (SMS, voice, WhatsApp) does alike: it holds its factory's
 * client and the operator's allow-list of hosts, builds one request per message from the settings,
 * and checks the settings by building the request of a stand-in message.
 *
 * @param <M> the channel's message
 */
abstract class HttpChannelSender<M> {

    private final HttpClient client;
    private final AllowedHosts allowedHosts;
    /** A stand-in message: building its request runs every check a real send's request would. */
    private final M probe;

    HttpChannelSender(HttpClient client, AllowedHosts allowedHosts, M probe) {
        this.client = client;
        this.allowedHosts = allowedHosts;
        this.probe = probe;
    }

    /** The request for {@code message}, as the settings describe it. */
    abstract GatewayCall request(ConfigReader settings, M message);

    /** Builds the stand-in message's request, and checks its host against the allow-list. */
    void checkRequest(ConfigReader settings) {
        allowedHosts.check(settings, HttpGatewaySettings.URL, request(settings, probe).url());
    }

    /** Sends {@code message}; the provider's id of it, where its answer gives one. */
    Optional<String> exchange(ConfigReader settings, M message, String maskedTo) throws SmsSendException {
        GatewayCall call = request(settings, message);
        return call.messageId(GatewayExchange.run(client, call, maskedTo));
    }

    /** The provider's answer to {@code call}, whatever its status. */
    GatewayExchange.Answer answer(GatewayCall call, String maskedTo) throws SmsSendException {
        return GatewayExchange.answer(client, call, maskedTo);
    }
}
