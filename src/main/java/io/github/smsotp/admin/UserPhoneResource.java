package io.github.smsotp.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.smsotp.credential.PhoneSource;
import io.github.smsotp.credential.SmsOtpCredentialModel;
import io.github.smsotp.credential.UniqueNumbers;
import io.github.smsotp.phone.MaskedPhone;
import io.github.smsotp.settings.SmsSettings;
import io.github.smsotp.trust.TrustedBrowsers;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.credential.CredentialModel;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.ModelException;
import org.keycloak.models.UserModel;
import org.keycloak.storage.ReadOnlyException;

/** {@code users/{id}/phone}: a user's SMS number, read, set (verified or pending) and removed by an admin. */
public class UserPhoneResource {

    private static final Logger LOG = Logger.getLogger(UserPhoneResource.class);

    private final AdminCall call;
    private final String userId;

    UserPhoneResource(AdminCall call, String userId) {
        this.call = call;
        this.userId = userId;
    }

    /**
     * The number codes go to, or the one waiting to be confirmed: {@code {"number", "status":
     * "verified" | "pending" | "provisioned" | "none"}}. Only for callers who may view the user, as
     * Keycloak's own user endpoints (a group-scoped admin sees the group's members only).
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> read() {
        UserModel user = user();
        call.auth().users().requireView(user);
        Optional<String> enrolled = PhoneSource.enrolled(user);
        Optional<PhoneSource> source = call.phoneSource();
        Optional<String> provisioned = source.flatMap(s -> s.provisioned(user));
        String status = enrolled.isPresent() ? "verified"
                : provisioned.isEmpty() ? "none"
                : source.get().confirmsFirst() ? "pending" : "provisioned";
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("number", enrolled.or(() -> provisioned).orElse(null));
        answer.put("status", status);
        return answer;
    }

    /**
     * Sets {@code {"number": "+1...", "status": "verified" | "pending"}}: verified at once, or pending
     * until the user confirms it by code at the next sign-in.
     */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> set(String body) {
        UserModel user = user();
        call.auth().users().requireManage(user);
        JsonInput request = JsonInput.of(body);
        String number = call.number(request, "number", null);
        String status = request.text("status", "verified");
        boolean replaced = PhoneSource.enrolled(user).isPresent();
        switch (status) {
            case "verified" -> {
                // A verified number signs its holder in by phone and resets the password by SMS: vouching
                // for one is a password reset, and needs that permission (Keycloak's fine-grained
                // 'reset-password'), not only the right to manage the user.
                call.auth().users().requireResetPassword(user);
                if (call.enrollment().uniqueNumbers()
                        && !UniqueNumbers.mayHold(call.session(), call.realm(), user, number)) {
                    throw JsonInput.BadInput.conflict("number", "is another user's verified number (unique-numbers)");
                }
                call.credentials().createCredential(call.realm(), user,
                        SmsOtpCredentialModel.verified(number, System.currentTimeMillis()));
                // Nothing left to enroll: a number pending before is replaced by this one.
                user.removeRequiredAction(SmsSettings.ENROLLMENT_ACTION);
            }
            case "pending" -> {
                PhoneSource source = pendingSource();
                try {
                    source.assignPending(call.session(), call.realm(), user, number);
                } catch (ModelException | ReadOnlyException e) {
                    throw new JsonInput.BadInput("number", "cannot be stored in the attribute '" + source.numbers().attribute()
                            + "' (read-only, e.g. mapped from LDAP)");
                }
            }
            default -> throw new JsonInput.BadInput("status", "must be 'verified' or 'pending'");
        }
        Map<String, Object> answer = Map.of("number", MaskedPhone.mask(number), "status", status);
        call.event(replaced ? OperationType.UPDATE : OperationType.CREATE, ResourceType.USER, answer);
        LOG.infof("SMS number %s set as %s for user '%s' in realm '%s' by an admin", MaskedPhone.mask(number),
                status, user.getId(), call.realm().getName());
        return answer;
    }

    /** Removes the user's SMS number (the credential); the next sign-in asks to enroll again. */
    @DELETE
    public Response remove() {
        UserModel user = user();
        call.auth().users().requireManage(user);
        List<CredentialModel> stored = user.credentialManager()
                .getStoredCredentialsByTypeStream(SmsOtpCredentialModel.TYPE).toList();
        if (stored.isEmpty()) {
            throw new NotFoundException("the user has no SMS number");
        }
        stored.forEach(credential -> call.credentials().deleteCredential(call.realm(), user, credential.getId()));
        call.event(OperationType.DELETE, ResourceType.USER, Map.of("number", stored.stream()
                .map(SmsOtpCredentialModel::of).flatMap(c -> c.phone().stream()).map(MaskedPhone::mask)
                .findFirst().orElse("")));
        return Response.noContent().build();
    }

    /**
     * {@code DELETE users/{id}/phone/trusted-browsers}: every browser the user trusted ("don't ask for a
     * code on this browser") asks for a code again at the next sign-in.
     */
    @DELETE
    @Path("trusted-browsers")
    public Response revokeTrustedBrowsers() {
        UserModel user = user();
        call.auth().users().requireManage(user);
        try {
            TrustedBrowsers.revokeAll(call.session(), call.realm(), user);
        } catch (ModelException | ReadOnlyException e) {
            // Only a user that lives in a read-only federation without import: imported users' epoch is Keycloak's.
            throw JsonInput.BadInput.conflict("user", "lives only in a read-only user federation (e.g. LDAP with "
                    + "import off): sign the user out instead");
        }
        call.event(OperationType.ACTION, ResourceType.USER, Map.of("trustedBrowsers", "revoked"));
        LOG.infof("trusted browsers of user '%s' in realm '%s' revoked by an admin", user.getId(),
                call.realm().getName());
        return Response.noContent().build();
    }

    private PhoneSource pendingSource() {
        return call.phoneSource().filter(PhoneSource::confirmsFirst)
                .orElseThrow(() -> new JsonInput.BadInput("status", "'pending' needs the realm's SMS setting "
                        + "'provisioned-numbers' set to 'verify', so that the user confirms the number by code"));
    }

    /** The user, as Keycloak's own user endpoints find it: 404 only for callers who may search users. */
    private UserModel user() {
        UserModel user = call.session().users().getUserById(call.realm(), userId);
        if (user == null) {
            if (call.auth().users().canQuery()) {
                throw new NotFoundException("User not found");
            }
            throw new ForbiddenException();
        }
        return user;
    }
}
