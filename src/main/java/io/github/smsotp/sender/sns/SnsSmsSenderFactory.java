package io.github.smsotp.sender.sns;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import io.github.smsotp.sender.SmsSender;
import io.github.smsotp.sender.SmsSenderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.SnsClientBuilder;

/**
 * AWS SNS on SDK v2 with the lightweight URLConnection HTTP client. One client per distinct
 * region, credentials, endpoint and timeout, built on first use; at most {@value #MAX_CLIENTS} are
 * kept, so a rotated secret or a changed setting closes the client it replaced once that one has
 * been least recently used, and the rest close with the server. Calls are bounded (connect 3 s,
 * each attempt and the whole call by the timeout) and retried at most once.
 */
public class SnsSmsSenderFactory implements SmsSenderFactory {

    public static final String PROVIDER_ID = "sns";

    /** Distinct SNS settings in use at once: a few per realm that sends through SNS. */
    static final int MAX_CLIENTS = 16;

    private final ClientCache<SnsSettings.ClientKey, SnsClient> clients =
            new ClientCache<>(MAX_CLIENTS, SnsSmsSenderFactory::build);
    private final SnsSmsSender sender = new SnsSmsSender(this);

    @Override
    public SmsSender create(KeycloakSession session) {
        return sender;
    }

    /** Runs a call with the client for these settings. */
    <R> R withClient(SnsSettings.ClientKey key, Function<SnsClient, R> call) {
        return clients.use(key, call);
    }

    /** How many clients are kept. */
    int clientCount() {
        return clients.size();
    }

    private static SnsClient build(SnsSettings.ClientKey key) {
        AwsCredentialsProvider credentials = key.accessKey().isPresent()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(key.accessKey().get(), key.secretKey().get()))
                : DefaultCredentialsProvider.builder().build();
        SnsClientBuilder builder = SnsClient.builder()
                .region(Region.of(key.region()))
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(3))
                        .socketTimeout(key.timeout()).build())
                .overrideConfiguration(c -> c.apiCallTimeout(key.timeout()).apiCallAttemptTimeout(key.timeout())
                        .retryStrategy(retry -> retry.maxAttempts(2)));
        key.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    @Override
    public void close() {
        clients.close();
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayName() {
        return "AWS SNS";
    }

    @Override
    public List<ProviderConfigProperty> getSettingsProperties() {
        return ProviderConfigurationBuilder.create()
                .property().name(SnsSettings.REGION).type(ProviderConfigProperty.STRING_TYPE)
                .label("SNS: region").helpText("AWS region, e.g. eu-west-1. Required (here or as a server option).")
                .add()
                .property().name(SnsSettings.ACCESS_KEY).type(ProviderConfigProperty.STRING_TYPE)
                .label("SNS: access key id").helpText("Empty: the SDK's default credentials (environment, role).")
                .add()
                .property().name(SnsSettings.SECRET_KEY).type(ProviderConfigProperty.PASSWORD).secret(true)
                .label("SNS: secret access key").helpText("Use a vault reference such as ${vault.sns-secret}.")
                .add()
                .property().name(SnsSettings.SENDER_ID).type(ProviderConfigProperty.STRING_TYPE)
                .label("SNS: sender id").helpText("Alphanumeric sender id, where the destination country allows it.")
                .add()
                .property().name(SnsSettings.ORIGINATION_NUMBER).type(ProviderConfigProperty.STRING_TYPE)
                .label("SNS: origination number").helpText("E.164 number to send from, if you have one.")
                .add()
                .property().name(SnsSettings.TIMEOUT).type(ProviderConfigProperty.INTEGER_TYPE)
                .label("SNS: timeout (ms)").defaultValue("5000").helpText("For the whole call, 500-60000.")
                .add()
                .build();
    }
}
