package io.github.smsotp.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class SmsOtpMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final SmsOtpMetrics metrics = new SmsOtpMetrics(registry);

    @Test
    void countsSendsPerRealmAndSender() {
        metrics.codeSent("demo", "http");
        metrics.codeSent("demo", "http");
        metrics.codeSent("demo", "log");

        assertThat(registry.get(SmsOtpMetrics.CODES_SENT).tags("realm", "demo", "sender", "http").counter().count())
                .isEqualTo(2);
        assertThat(registry.get(SmsOtpMetrics.CODES_SENT).tags("sender", "log").counter().count()).isEqualTo(1);
    }

    @Test
    void timesEverySenderCallAndCountsOnlyFailuresAsFailures() {
        metrics.sendAttempt("demo", "http", Duration.ofMillis(120), false);
        metrics.sendAttempt("demo", "http", Duration.ofMillis(5000), true);

        assertThat(registry.get(SmsOtpMetrics.SEND_DURATION).tags("sender", "http", "outcome", "success").timer()
                .totalTime(TimeUnit.MILLISECONDS)).isEqualTo(120);
        assertThat(registry.get(SmsOtpMetrics.SEND_DURATION).tags("outcome", "failure").timer().count()).isEqualTo(1);
        assertThat(registry.get(SmsOtpMetrics.SEND_FAILURES).tags("sender", "http").counter().count()).isEqualTo(1);
    }

    @Test
    void countsRefusalsByRuleAndVerificationsByOutcome() {
        metrics.sendRefused("demo", "number_limit");
        metrics.verification("demo", "wrong");
        metrics.verification("demo", "verified");

        assertThat(registry.get(SmsOtpMetrics.SENDS_REFUSED).tags("limit", "number_limit").counter().count()).isEqualTo(1);
        assertThat(registry.get(SmsOtpMetrics.VERIFICATIONS).tags("outcome", "wrong").counter().count()).isEqualTo(1);
        assertThat(registry.get(SmsOtpMetrics.VERIFICATIONS).tags("outcome", "verified").counter().count()).isEqualTo(1);
    }
}
