package io.github.smsotp.admin;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.smsotp.limits.PumpingGuard;
import io.github.smsotp.limits.RequestWrites;
import io.github.smsotp.phone.NumberRange;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;

/**
 * {@code guard}: the number ranges the pumping guard throttles now ({@code GET}, with
 * {@code view-realm}), and lifting one ({@code DELETE guard/{range}}, with {@code manage-realm}),
 * for an admin who knows the traffic is real.
 */
public class GuardResource {

    private static final Logger LOG = Logger.getLogger(GuardResource.class);

    private final AdminCall call;

    GuardResource(AdminCall call) {
        this.call = call;
    }

    /** {@code [{"range": "+4479111", "shown": "+4479111xxxx", "callingCode": "44", "until": ..., "strikes": 1}]} */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<Map<String, Object>> list() {
        call.auth().realm().requireViewRealm();
        return guard().throttled(call.realm().getId()).stream().map(throttle -> {
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put("range", throttle.range().prefix());
            shown.put("shown", throttle.range().shown());
            shown.put("callingCode", throttle.range().callingCode());
            shown.put("until", throttle.until().toString());
            shown.put("strikes", throttle.strikes());
            return shown;
        }).toList();
    }

    /** Lifts the throttle of a range ({@code +4479111} or {@code 4479111}); 404 when it has none. */
    @DELETE
    @Path("{range}")
    public Response lift(@PathParam("range") String text) {
        call.auth().realm().requireManageRealm();
        NumberRange range;
        try {
            range = NumberRange.parse(text);
        } catch (IllegalArgumentException e) {
            throw new JsonInput.BadInput("range", e.getMessage());
        }
        if (!guard().lift(call.realm().getId(), range)) {
            throw new NotFoundException("the range " + range.prefix() + " is not throttled");
        }
        call.event(OperationType.DELETE, ResourceType.REALM, Map.of("guard", range.shown()));
        LOG.infof("SMS pumping guard in realm '%s': %s lifted by an admin", call.realm().getName(), range.shown());
        return Response.noContent().build();
    }

    private PumpingGuard guard() {
        return new PumpingGuard(call.session().singleUseObjects(), Clock.systemUTC(), RequestWrites.of(call.session()));
    }
}
