package io.github.smsotp.receipts;

import io.github.smsotp.delivery.DeliveryAddresses;
import io.github.smsotp.provider.StatelessFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/** Serves {@code /realms/{realm}/sms-otp/...}: providers' receipts and the code page's status checks. */
public class DeliveryResourceFactory implements RealmResourceProviderFactory, StatelessFactory<RealmResourceProvider> {

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new DeliveryResource(session);
    }

    @Override
    public String getId() {
        return DeliveryAddresses.RESOURCE;
    }
}
