package io.github.smsotp.delivery.web;

import io.github.smsotp.delivery.DeliveryAddresses;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/** Serves {@code /realms/{realm}/sms-otp/...}: providers' receipts and the code page's status checks. */
public class DeliveryResourceFactory implements RealmResourceProviderFactory {

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new DeliveryResource(session);
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return DeliveryAddresses.RESOURCE;
    }
}
