package io.github.smsotp.settings;

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

    public static final String BLOCK_SENDS = "guard-block-sends";
    public static final String COUNTRY_SENDS = "guard-country-sends";
    public static final String CONFIRMED_PERCENT = "guard-confirmed-percent";
    public static final String WINDOW = "guard-window-minutes";
    public static final String COOL_OFF = "guard-cool-off-minutes";

    public static final int DEFAULT_BLOCK_SENDS = 10;
    public static final int DEFAULT_COUNTRY_SENDS = 30;
    public static final int DEFAULT_CONFIRMED_PERCENT = 20;
    public static final int DEFAULT_WINDOW = 60;
    public static final int DEFAULT_COOL_OFF = 15;

    /** The longest cool-off however often a range trips. */
    static final Duration MAX_COOL_OFF = Duration.ofDays(1);

    public static GuardPolicy from(ConfigReader config) {
        return new GuardPolicy(
                config.intIn(BLOCK_SENDS, DEFAULT_BLOCK_SENDS, 0, 100_000),
                config.intIn(COUNTRY_SENDS, DEFAULT_COUNTRY_SENDS, 0, 1_000_000),
                config.intIn(CONFIRMED_PERCENT, DEFAULT_CONFIRMED_PERCENT, 1, 100),
                Duration.ofMinutes(config.intIn(WINDOW, DEFAULT_WINDOW, 5, 24 * 60)),
                Duration.ofMinutes(config.intIn(COOL_OFF, DEFAULT_COOL_OFF, 1, 24 * 60)));
    }

    /** The cool-off after a range tripped {@code strikes} times before within memory. */
    public Duration coolOff(int strikes) {
        Duration grown = coolOff.multipliedBy(1L << Math.min(strikes, 20));
        return grown.compareTo(MAX_COOL_OFF) > 0 ? MAX_COOL_OFF : grown;
    }
}
