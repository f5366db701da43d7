package io.github.smsotp.limits;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.github.smsotp.limits.SlotCounter.Claim;
import io.github.smsotp.limits.SlotCounter.Claimed;
import io.github.smsotp.limits.SlotCounter.Full;
import io.github.smsotp.settings.LimitPolicy;

/**
 * Decides, before a sender is called, whether one more SMS may go out: per user, per destination
 * number, per client address (IPv6: per /64) and per realm, and for numbers nobody has proven yet,
 * within their own part of the realm's budget. A refusal names the limit and when it frees; the
 * slots already claimed for the refused send are given back.
 */
public final class SendLimiter {

    /** Which limit refused a send. Lower-case names appear in events. */
    public enum Limit { USER, NUMBER, IP, UNPROVEN, REALM }

    /**
     * What is sent: SMS, WhatsApp messages and calls count against limits of the same kinds, each with
     * counters of its own.
     */
    public enum Channel {
        SMS("sends"), WHATSAPP("whatsapp-sends"), VOICE("calls");

        private final String counted;

        Channel(String counted) {
            this.counted = counted;
        }
    }

    public sealed interface Decision permits Allowed, Refused {
    }

    public record Allowed() implements Decision {
    }

    public record Refused(Limit limit, Instant retryAt) implements Decision {
    }

    private final SlotCounter counter;

    public SendLimiter(SlotCounter counter) {
        this.counter = counter;
    }

    public Decision trySend(LimitPolicy policy, String realmId, String userId, String number, String clientIp) {
        return trySend(Channel.SMS, policy, realmId, userId, number, clientIp, false);
    }

    /** @param unproven whether nobody has proven {@code number} yet: the send comes out of the unproven budget too */
    public Decision trySend(Channel channel, LimitPolicy policy, String realmId, String userId, String number,
                            String clientIp, boolean unproven) {
        List<Rule> rules = new ArrayList<>(List.of(
                new Rule(Limit.USER, LimitKeys.of(realmId, "user-" + channel.counted, userId),
                        policy.sendsPerUserPerHour(), LimitPolicy.HOUR),
                new Rule(Limit.NUMBER, LimitKeys.of(realmId, "number-" + channel.counted, number),
                        policy.sendsPerNumberPer10Minutes(), LimitPolicy.TEN_MINUTES),
                new Rule(Limit.IP, LimitKeys.of(realmId, "ip-" + channel.counted, ClientNetwork.of(clientIp)),
                        policy.sendsPerIpPerHour(), LimitPolicy.HOUR)));
        if (unproven) {
            rules.add(new Rule(Limit.UNPROVEN, LimitKeys.of(realmId, "unproven-" + channel.counted, realmId),
                    policy.sendsToUnprovenPerHour(), LimitPolicy.HOUR));
        }
        rules.add(realmRule(channel, policy, realmId));
        return claim(rules);
    }

    /**
     * One SMS an admin sends to try the realm's sender: it comes out of the realm's budget only, as
     * no user, login or client address stands behind it.
     */
    public Decision tryAdminSend(LimitPolicy policy, String realmId) {
        return claim(List.of(realmRule(Channel.SMS, policy, realmId)));
    }

    private static Rule realmRule(Channel channel, LimitPolicy policy, String realmId) {
        return new Rule(Limit.REALM, LimitKeys.of(realmId, "realm-" + channel.counted, realmId),
                policy.sendsPerRealmPerHour(), LimitPolicy.HOUR);
    }

    private Decision claim(List<Rule> rules) {
        List<Claimed> claimed = new ArrayList<>();
        for (Rule rule : rules) {
            if (rule.limit() <= 0) {
                continue;
            }
            Claim claim = counter.tryClaim(rule.key(), rule.limit(), rule.window());
            if (claim instanceof Full full) {
                claimed.forEach(counter::release);
                return new Refused(rule.kind(), full.freesAt());
            }
            claimed.add((Claimed) claim);
        }
        claimed.forEach(counter::confirm);
        return new Allowed();
    }

    private record Rule(Limit kind, String key, int limit, Duration window) {
    }
}
