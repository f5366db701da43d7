package io.github.smsotp.admin;

import io.github.smsotp.step.TestSms;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.logging.Logger;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;

/** {@code POST test-sms}: an SMS through the realm's sender now, to check it without signing in. */
public class TestSmsResource {

    private static final Logger LOG = Logger.getLogger(TestSmsResource.class);
    private static final int MAX_TEXT = 480;

    private final AdminCall call;

    TestSmsResource(AdminCall call) {
        this.call = call;
    }

    /** Sends {@code {"to": "+1...", "text": "..."}}; {@code text} is optional. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public TestSms.Result send(String body) {
        call.auth().realm().requireManageRealm();
        JsonInput request = JsonInput.of(body);
        String to = call.number(request, "to", null);
        String text = request.text("text", "Test SMS from Keycloak realm '" + call.realm().getName() + "'.");
        if (text.length() > MAX_TEXT) {
            throw new JsonInput.BadInput("text", "must be at most " + MAX_TEXT + " characters");
        }
        TestSms.Result result = TestSms.send(call.session(), call.realm(), call.settings(), to, text);
        LOG.infof("Test SMS in realm '%s' to %s: %s%s", call.realm().getName(), result.to(), result.outcome(),
                result.reason() == null ? "" : " (" + result.reason() + ")");
        call.event(OperationType.ACTION, ResourceType.REALM, result);
        return result;
    }
}
