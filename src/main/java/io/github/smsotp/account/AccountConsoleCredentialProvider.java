package io.github.smsotp.account;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import io.github.smsotp.credential.SmsOtpCredentialModel;
import io.github.smsotp.credential.SmsOtpCredentialProvider;
import io.github.smsotp.trust.TrustedBrowsers;
import org.keycloak.credential.CredentialMetadata;
import org.keycloak.credential.CredentialTypeMetadata;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * The SMS credential with the Account Console's line under it on a trusted browser: "This browser
 * is trusted until ...". Keycloak's credential metadata carries one message per credential, with
 * string parameters: the date is ISO 8601 (UTC), the same in every language.
 */
final class AccountConsoleCredentialProvider extends SmsOtpCredentialProvider {

    /** The line's message key; its parameter is the date. */
    static final String TRUSTED_UNTIL_MESSAGE = "smsOtpTrustedUntil";

    private final KeycloakSession session;

    AccountConsoleCredentialProvider(KeycloakSession session) {
        super(session);
        this.session = session;
    }

    @Override
    public CredentialMetadata getCredentialMetadata(SmsOtpCredentialModel credential, CredentialTypeMetadata type) {
        CredentialMetadata metadata = super.getCredentialMetadata(credential, type);
        RealmModel realm = session.getContext().getRealm();
        UserModel user = session.getContext().getUser();
        if (realm != null && user != null && session.getContext().getHttpRequest() != null) {
            credential.phone()
                    .flatMap(number -> TrustedBrowsers.trustedUntil(session, realm, user, credential.getId(), number))
                    .ifPresent(until -> metadata.setInfoMessage(TRUSTED_UNTIL_MESSAGE,
                            DateTimeFormatter.ISO_LOCAL_DATE.format(until.atZone(ZoneOffset.UTC))));
        }
        return metadata;
    }
}
