package io.github.smsotp.step;

import java.util.Optional;

import io.github.smsotp.challenge.OtpChallenges;
import io.github.smsotp.challenge.Verification;
import io.github.smsotp.sender.SmsSendException;
import org.jboss.logging.Logger;

/**
 * Asks the provider's Verify API about codes it made: the verification the ledger names for the
 * code's id. Its "too many tries" and "expired" are the step's own; where it cannot answer, the code
 * is unchecked (the page of a failed send follows).
 */
final class ProviderCodes implements OtpChallenges.ProviderCheck {

    private static final Logger LOG = Logger.getLogger(ProviderCodes.class);

    private final StepRequest request;
    private final Senders senders;

    ProviderCodes(StepRequest request, Senders senders) {
        this.request = request;
        this.senders = senders;
    }

    @Override
    public Verification check(String codeId, String code) {
        String realmName = request.context().realm().getName();
        Optional<VerifyChoice> verify = senders.verify();
        if (verify.isEmpty()) {
            LOG.warnf("SMS step in realm '%s': a code from the Verify API was typed after the Verify API was turned "
                    + "off; a new code will be the step's own", realmName);
            return Verification.UNCHECKED;
        }
        Optional<String> verification = senders.ledger().verification(codeId);
        if (verification.isEmpty()) {
            // No code went out (the page withheld it, as for an unknown number), or the provider has not
            // answered the send yet: no code can be right.
            return Verification.WRONG;
        }
        try {
            return switch (verify.get().check(verification.get(), request.phone(), code, realmName)) {
                case APPROVED -> Verification.VERIFIED;
                case WRONG -> Verification.WRONG;
                case TOO_MANY_ATTEMPTS -> Verification.EXHAUSTED;
                case EXPIRED -> Verification.EXPIRED;
            };
        } catch (SmsSendException e) {
            LOG.warnf("SMS step in realm '%s': the Verify API could not check a code sent to %s: %s", realmName,
                    request.maskedPhone(), e.getMessage());
            return Verification.UNCHECKED;
        }
    }
}
