package io.github.smsotp.account;

import io.github.smsotp.credential.SmsOtpCredentialProvider;
import org.keycloak.credential.CredentialProviderFactory;
import org.keycloak.models.KeycloakSession;

/** The SMS credential as Keycloak serves it, the Account Console's view of it included. */
public class SmsOtpCredentialProviderFactory implements CredentialProviderFactory<SmsOtpCredentialProvider> {

    @Override
    public SmsOtpCredentialProvider create(KeycloakSession session) {
        return new AccountConsoleCredentialProvider(session);
    }

    @Override
    public String getId() {
        return SmsOtpCredentialProvider.PROVIDER_ID;
    }
}
