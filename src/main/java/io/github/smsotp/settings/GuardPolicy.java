package io.github.smsotp.settings;

import static io.github.smsotp.settings.SettingsRegistry.GUARD_BLOCK_SENDS;
import static io.github.smsotp.settings.SettingsRegistry.GUARD_CONFIRMED_PERCENT;
import static io.github.smsotp.settings.SettingsRegistry.GUARD_COOL_OFF;
import static io.github.smsotp.settings.SettingsRegistry.GUARD_COUNTRY_SENDS;
import static io.github.smsotp.settings.SettingsRegistry.GUARD_WINDOW;

import java.time.Duration;

import io.github.smsotp.config.ConfigReader;

/**
 * When the pumping guard throttles a number range: after at least {@code blockSends} codes to one
 * block of numbers (or {@code countrySends} to one country) to numbers nobody has proven yet, fewer
 * than {@code confirmedPercent} of them came back within the window. Defaults: people who ask for a
 * code to confirm their number type it back most of the time (providers report conversion rates of
 * 70 to 90 %), a pumping bot never does; 20 % leaves room for lost SMS and abandoned sign-ups. Ten
 * sends judge a block, thirty a country, so that a few users who give up never trip it. The first
 * cool-off is 15 minutes and doubles on each repeat, up to a day.
 *
 * @param blockSends 0: blocks are not judged
 * @param countrySends 0: countries are not judged
 */
public record GuardPolicy(int blockSends, int countrySends, int confirmedPercent, Duration window, Duration coolOff) {

    /** The longest cool-off however often a range trips. */
    static final Duration MAX_COOL_OFF = Duration.ofDays(1);

    public static GuardPolicy from(ConfigReader config) {
        return new GuardPolicy(
                GUARD_BLOCK_SENDS.number(config),
                GUARD_COUNTRY_SENDS.number(config),
                GUARD_CONFIRMED_PERCENT.number(config),
                Duration.ofMinutes(GUARD_WINDOW.number(config)),
                Duration.ofMinutes(GUARD_COOL_OFF.number(config)));
    }

    /** The cool-off after a range tripped {@code strikes} times before within memory. */
    public Duration coolOff(int strikes) {
        Duration grown = coolOff.multipliedBy(1L << Math.min(strikes, 20));
        return grown.compareTo(MAX_COOL_OFF) > 0 ? MAX_COOL_OFF : grown;
    }
}
