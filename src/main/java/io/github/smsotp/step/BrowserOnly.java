package io.github.smsotp.step;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.smsotp.events.SmsOtpEvents;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.OAuth2Constants;
import org.keycloak.OAuthErrorException;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.representations.idm.OAuth2ErrorRepresentation;

/**
 * Our steps show pages, so they serve browser flows only. An admin can still put one into a flow
 * that answers token requests (the direct grant), where an app would get an HTML page it cannot
 * read, and every request would send another SMS. There the step answers an OAuth error the app
 * can read, sends nothing, and tells the admin once per flow what to change.
 */
public final class BrowserOnly {

    private static final Logger LOG = Logger.getLogger(BrowserOnly.class);

    static final String ERROR = OAuthErrorException.INVALID_REQUEST;

    /**
     * What serves the direct grant in a browser step's place, by the browser step's provider id. The
     * steps are entry points, named here, not imported.
     */
    private static final Map<String, String> INSTEAD = Map.of(
            "sms-otp-code", "In the direct grant flow, use 'sms-otp-direct-grant' (SMS one-time code (direct "
                    + "grant)) after username and password instead.",
            "sms-otp-phone-login", "In the direct grant flow, use 'sms-otp-direct-grant-phone' (Phone number and "
                    + "SMS code (direct grant)) as the flow's only step instead.");

    /** The flows whose admin was told already, by realm and flow id: once each while the server runs. */
    private static final Set<String> TOLD = ConcurrentHashMap.newKeySet();

    private BrowserOnly() {
    }

    /**
     * Answers a token request with an OAuth error, and says so; a browser's request passes.
     *
     * @return whether the request was answered, so the step must do nothing more
     */
    public static boolean answeredTokenRequest(AuthenticationFlowContext flow) {
        String grantType = flow.getHttpRequest().getDecodedFormParameters().getFirst(OAuth2Constants.GRANT_TYPE);
        if (grantType == null) {
            return false;
        }
        String realm = flow.getRealm().getName();
        String flowAlias = flow.getTopLevelFlow().getAlias();
        if (TOLD.add(flow.getRealm().getId() + "/" + flow.getTopLevelFlow().getId())) {
            String step = flow.getExecution().getAuthenticator();
            LOG.warnf("The step '%s' in flow '%s' of realm '%s' answered a token request (grant_type=%s) with an "
                    + "error: it shows pages, so it works in browser flows only. %s", step, flowAlias, realm, grantType,
                    INSTEAD.getOrDefault(step, "Keep it in its browser flow; apps reach it through the browser "
                            + "(Authorization Code with PKCE)."));
        }
        flow.getEvent().detail(SmsOtpEvents.REASON, "browser_only").error(SmsOtpEvents.MISCONFIGURED);
        flow.challenge(Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new OAuth2ErrorRepresentation(ERROR, "This sign-in step needs a browser; ask the realm's "
                        + "administrator to remove it from this flow."))
                .build());
        return true;
    }
}
