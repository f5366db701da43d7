package io.github.smsotp.receipts;

import java.util.Map;

import io.github.smsotp.delivery.DeliveryAddresses;
import io.github.smsotp.delivery.DeliveryLedger;
import io.github.smsotp.delivery.SendOutcome;
import io.github.smsotp.step.LoginState;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.managers.AuthenticationSessionManager;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The realm's public delivery endpoints. Neither needs a login: a provider proves itself by its
 * signature, and a code page by the login's own cookie.
 */
public class DeliveryResource implements RealmResourceProvider {

    private final KeycloakSession session;

    DeliveryResource(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public Object getResource() {
        return this;
    }

    /** A provider's receipt posted as a form or JSON (Twilio, Vonage, Infobip, the webhook). */
    @POST
    @Path(DeliveryAddresses.RECEIPTS + "/{sender}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response postedReceipt(@PathParam("sender") String senderId, byte[] body) {
        return new ReceiptIntake(session, realm()).take(senderId, "POST", body == null ? new byte[0] : body);
    }

    /**
     * A provider's receipt in the query (MessageBird, Vonage's GET setting), or its check of the
     * address before it posts there (Meta's webhook subscription, answered in plain text).
     */
    @GET
    @Path(DeliveryAddresses.RECEIPTS + "/{sender}")
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public Response queriedReceipt(@PathParam("sender") String senderId) {
        return new ReceiptIntake(session, realm()).take(senderId, "GET", new byte[0]);
    }

    /**
     * What became of a login tab's latest send: {@code pending} until the gateway answered, then
     * {@code send_failed} or {@code sent}, and after a final receipt {@code delivered},
     * {@code failed} or {@code expired} (see {@link SendOutcome#label()}); once the gateway answered, the
     * {@code channel} that took the send (or was tried). Only the browser that
     * holds the login's cookie finds its tab; the answer names no number and no code.
     */
    @GET
    @Path(DeliveryAddresses.STATUS)
    @Produces(MediaType.APPLICATION_JSON)
    public Response status(@QueryParam("client_id") String clientId, @QueryParam("tab_id") String tabId) {
        RealmModel realm = realm();
        ClientModel client = clientId == null ? null : realm.getClientByClientId(clientId);
        AuthenticationSessionModel tab = client == null || tabId == null ? null
                : new AuthenticationSessionManager(session).getCurrentAuthenticationSession(realm, client, tabId);
        if (tab == null) {
            return noStore(Response.status(Response.Status.NOT_FOUND)
                    .entity(Map.of("error", "no such login in this browser")));
        }
        Map<String, String> answer = LoginState.of(tab).trackedSend().get()
                .flatMap(sendId -> new DeliveryLedger(session.singleUseObjects()).outcome(realm.getId(), sendId))
                .map(outcome -> Map.of("status", outcome.label(), "channel", outcome.channel()))
                .orElse(Map.of("status", "pending"));
        return noStore(Response.ok(answer));
    }

    private RealmModel realm() {
        return session.getContext().getRealm();
    }

    static Response noStore(Response.ResponseBuilder response) {
        CacheControl never = new CacheControl();
        never.setNoStore(true);
        return response.cacheControl(never).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    @Override
    public void close() {
    }
}
