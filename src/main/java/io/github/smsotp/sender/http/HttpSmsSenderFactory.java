package io.github.smsotp.sender.http;

import java.util.List;

import io.github.smsotp.sender.SmsSender;
import io.github.smsotp.sender.SmsSenderFactory;
import io.github.smsotp.sender.SmsSenderSpi;
import org.keycloak.Config;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * The generic HTTP gateway sender. One HTTP client serves all realms; it is created at
 * start-up and its threads are stopped when Keycloak shuts the factory down.
 * Server option: {@code --spi-sms-sender--http--connect-timeout-ms} (default 3000).
 */
public class HttpSmsSenderFactory extends HttpChannelFactory<HttpSmsSender> implements SmsSenderFactory {

    public static final String PROVIDER_ID = HttpChannel.PROVIDER_ID;

    @Override
    HttpChannel<HttpSmsSender> start(Config.Scope config) {
        return HttpChannel.start(config, SmsSenderSpi.NAME, "sms-otp-http-sender", HttpSmsSender::new);
    }

    @Override
    public String getDisplayName() {
        return "HTTP gateway";
    }

    @Override
    public List<ProviderConfigProperty> getSettingsProperties() {
        return ProviderConfigurationBuilder.create()
                .property().name(GatewayCall.PRESET).type(ProviderConfigProperty.LIST_TYPE)
                .label("HTTP gateway: provider")
                .options("custom", "twilio", "vonage", "infobip", "messagebird", "webhook").defaultValue("custom")
                .helpText("custom: the URL, method, format and template below. A provider preset needs only "
                        + "account, auth value and from (and the URL for infobip and webhook).")
                .add()
                .property().name(GatewayPreset.ACCOUNT).type(ProviderConfigProperty.STRING_TYPE)
                .label("HTTP gateway: account")
                .helpText("Twilio: Account SID. Vonage: API key. Letters, digits, - and _ only.")
                .add()
                .property().name(GatewayPreset.FROM).type(ProviderConfigProperty.STRING_TYPE)
                .label("HTTP gateway: from")
                .helpText("Presets: the sender number or alphanumeric sender id.")
                .add()
                .property().name(HttpGatewaySettings.URL).type(ProviderConfigProperty.STRING_TYPE)
                .label("HTTP gateway: URL")
                .helpText("custom: absolute http(s) URL the gateway accepts messages at. Presets: the provider's "
                        + "base URL, if not the default (required for infobip: your account's base URL).")
                .add()
                .property().name(HttpGatewaySettings.METHOD).type(ProviderConfigProperty.LIST_TYPE)
                .label("HTTP gateway: method").options("POST", "PUT", "GET").defaultValue("POST")
                .helpText("HTTP method. GET only with the 'query' format.")
                .add()
                .property().name(HttpGatewaySettings.FORMAT).type(ProviderConfigProperty.LIST_TYPE)
                .label("HTTP gateway: format").options("json", "form", "query").defaultValue("json")
                .helpText("json: JSON body; form: form-encoded body; query: parameters appended to the URL.")
                .add()
                .property().name(HttpGatewaySettings.TEMPLATE).type(ProviderConfigProperty.TEXT_TYPE)
                .label("HTTP gateway: template")
                .helpText("Body (or query) with the placeholders {{to}} (E.164 number) and {{text}}, escaped for "
                        + "the format. Default json: {\"to\":\"{{to}}\",\"text\":\"{{text}}\"}; "
                        + "form/query: to={{to}}&text={{text}}")
                .add()
                .property().name(HttpGatewaySettings.AUTH_HEADER).type(ProviderConfigProperty.STRING_TYPE)
                .label("HTTP gateway: auth header name").defaultValue("Authorization")
                .helpText("Header that carries the credential, sent only when a value is set.")
                .add()
                .property().name(HttpGatewaySettings.AUTH_VALUE).type(ProviderConfigProperty.PASSWORD)
                .label("HTTP gateway: auth header value").secret(true)
                .helpText("custom: the header value, e.g. 'Bearer <token>'. Twilio: auth token; Vonage: API secret; "
                        + "Infobip, MessageBird: API key; webhook: bearer token. Use a vault reference such as "
                        + "${vault.sms-gateway-token} to keep the secret out of the realm.")
                .add()
                .property().name(SmsSender.RECEIPTS).type(ProviderConfigProperty.LIST_TYPE)
                .label("HTTP gateway: delivery receipts").options("off", "on").defaultValue("off")
                .helpText("on: each SMS asks the provider (a preset) to report delivery to "
                        + "/realms/<realm>/sms-otp/delivery/http, so that the code page says when an SMS did not "
                        + "arrive. Receipts are checked with this realm's SMS settings.")
                .add()
                .property().name(ReceiptFormat.RECEIPT_SECRET).type(ProviderConfigProperty.PASSWORD)
                .label("HTTP gateway: receipt secret").secret(true)
                .helpText("The secret receipts are signed with: Vonage's signature secret, MessageBird's signing "
                        + "key, the webhook's shared secret, any secret of yours for Infobip (it signs the callback "
                        + "data). Twilio signs with the auth token. Use a vault reference.")
                .add()
                .property().name(VonageReceipts.SIGNATURE_METHOD).type(ProviderConfigProperty.LIST_TYPE)
                .label("HTTP gateway: Vonage signature method")
                .options("md5hash", "md5", "sha1", "sha256", "sha512").defaultValue("md5hash")
                .helpText("The signature method chosen in Vonage's dashboard for signed webhooks.")
                .add()
                .property().name(HttpGatewaySettings.TIMEOUT).type(ProviderConfigProperty.INTEGER_TYPE)
                .label("HTTP gateway: timeout (ms)").defaultValue(String.valueOf(HttpGatewaySettings.DEFAULT_TIMEOUT_MS))
                .helpText("How long to wait for the gateway's answer (100-60000). On timeout the user sees "
                        + "the could-not-send page and may retry.")
                .add()
                .build();
    }
}
