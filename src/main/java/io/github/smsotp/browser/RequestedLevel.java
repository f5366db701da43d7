package io.github.smsotp.browser;

import java.util.Objects;
import java.util.Optional;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.conditional.ConditionalLoaAuthenticatorFactory;
import org.keycloak.authentication.authenticators.util.AcrStore;
import org.keycloak.authentication.authenticators.util.LoAUtil;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.Constants;
import org.keycloak.models.RealmModel;

/**
 * Step-up: whether the level of authentication this login asks for may be reached by a trusted
 * browser at this SMS step.
 * <p>
 * Keycloak's "Condition - Level of Authentication" records the level of its sub-flow once the
 * sub-flow succeeds, however its steps passed. A browser's trust may therefore pass the step only
 * where its level is below the one asked for (a higher level then needs steps of its own), or where
 * no level is asked at all. Where the step is under no such condition, any level asked (by the
 * client's {@code acr_values} or {@code claims}, its default ACR values, or an application-initiated
 * action on a credential) is answered by a code.
 */
public final class RequestedLevel {

    private RequestedLevel() {
    }

    /** Whether this login asks for a level a trusted browser must not answer at the current step. */
    public static boolean outranksTrust(AuthenticationFlowContext flow) {
        int requested = new AcrStore(flow.getSession(), flow.getAuthenticationSession())
                .getRequestedLevelOfAuthentication(flow.getTopLevelFlow());
        if (requested <= Constants.NO_LOA) {
            return false;
        }
        return levelOfStep(flow.getRealm(), flow.getExecution()).map(level -> level >= requested).orElse(true);
    }

    /** The level of the nearest "Condition - Level of Authentication" in the sub-flows above the execution. */
    static Optional<Integer> levelOfStep(RealmModel realm, AuthenticationExecutionModel execution) {
        String flowId = execution.getParentFlow();
        while (flowId != null) {
            Optional<Integer> level = realm.getAuthenticationExecutionsStream(flowId)
                    .filter(e -> ConditionalLoaAuthenticatorFactory.PROVIDER_ID.equals(e.getAuthenticator()))
                    .map(AuthenticationExecutionModel::getAuthenticatorConfig)
                    .filter(Objects::nonNull)
                    .map(realm::getAuthenticatorConfigById)
                    .filter(Objects::nonNull)
                    .map(LoAUtil::getLevelFromLoaConditionConfiguration)
                    .filter(Objects::nonNull)
                    .findFirst();
            if (level.isPresent()) {
                return level;
            }
            AuthenticationExecutionModel enclosing = realm.getAuthenticationExecutionByFlowId(flowId);
            flowId = enclosing == null ? null : enclosing.getParentFlow();
        }
        return Optional.empty();
    }
}
