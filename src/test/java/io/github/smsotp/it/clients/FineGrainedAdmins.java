package io.github.smsotp.it.clients;

import java.net.http.HttpResponse;
import java.util.List;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Keycloak's fine-grained admin permissions (v2) of a test realm, set through its admin API as the
 * admin console sets them: user policies, and permissions on a resource type ({@code Users},
 * {@code Groups}) with scopes such as {@code manage}, {@code reset-password} or {@code view-members}.
 * The realm must have been created with {@code adminPermissionsEnabled}.
 */
public final class FineGrainedAdmins {

    private final AdminApi admin;
    private final String authz;

    public FineGrainedAdmins(AdminApi admin, String realm) {
        this.admin = admin;
        String client = admin.get("/admin/realms/" + realm + "/clients?clientId=admin-permissions").get(0).path("id").asText();
        this.authz = "/admin/realms/" + realm + "/clients/" + client + "/authz/resource-server";
    }

    /** A policy that holds for the users named, or (negative) for everyone else; its id. */
    public String userPolicy(String name, List<String> userIds, boolean negative) {
        ObjectNode policy = JsonNodeFactory.instance.objectNode().put("name", name)
                .put("logic", negative ? "NEGATIVE" : "POSITIVE");
        userIds.forEach(policy.putArray("users")::add);
        return created(admin.post(authz + "/policy/user", policy.toString()));
    }

    /** A permission of {@code scopes} on {@code resources} of the type (none: all of them) where the policy holds. */
    public void permission(String name, String resourceType, List<String> scopes, List<String> resources, String policyId) {
        ObjectNode permission = JsonNodeFactory.instance.objectNode().put("name", name).put("resourceType", resourceType)
                .put("decisionStrategy", "UNANIMOUS");
        scopes.forEach(permission.putArray("scopes")::add);
        if (!resources.isEmpty()) {
            // Absent, not empty: a permission on every resource of the type.
            resources.forEach(permission.putArray("resources")::add);
        }
        permission.putArray("policies").add(policyId);
        created(admin.post(authz + "/permission/scope", permission.toString()));
    }

    private static String created(HttpResponse<String> response) {
        if (response.statusCode() != 201) {
            throw new IllegalStateException("creating a permission or policy: " + response.statusCode() + " " + response.body());
        }
        return JsonHttp.read(response.body()).path("id").asText();
    }
}
