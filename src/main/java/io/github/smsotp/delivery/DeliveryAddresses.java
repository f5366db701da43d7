package io.github.smsotp.delivery;

import java.net.URI;

import jakarta.ws.rs.core.UriBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The realm's public addresses for delivery: where providers post receipts and where a login
 * page asks for its SMS's fate. Built from the request's frontend URL, so that they are the
 * addresses the provider and the browser reach.
 */
public final class DeliveryAddresses {

    /** The realm resource's id: {@code /realms/{realm}/sms-otp/...}. */
    public static final String RESOURCE = "sms-otp";
    public static final String RECEIPTS = "delivery";
    public static final String STATUS = "delivery-status";

    private DeliveryAddresses() {
    }

    /** The receipts address, to which a sender's id is added: {@code .../sms-otp/delivery/}. */
    public static URI receiptBase(KeycloakSession session, RealmModel realm) {
        return realmResource(session, realm).path(RECEIPTS).path("/").build();
    }

    /** Where the code page of one login tab polls for its SMS's fate. */
    public static URI status(KeycloakSession session, RealmModel realm, String clientId, String tabId) {
        return realmResource(session, realm).path(STATUS).queryParam("client_id", clientId)
                .queryParam("tab_id", tabId).build();
    }

    private static UriBuilder realmResource(KeycloakSession session, RealmModel realm) {
        return UriBuilder.fromUri(session.getContext().getUri().getBaseUri()).path("realms").path(realm.getName())
                .path(RESOURCE);
    }
}
