package io.github.smsotp.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.github.smsotp.config.ConfigReader;

/**
 * Where codes go, in order ({@code channels}): the first channel takes each code, a send it cannot
 * make goes to the next one, and the code page offers the next one instead.
 */
public record ChannelOrder(List<Channel> channels) {

    /** A channel a code may go by, besides a call (which the page offers on its own terms). */
    public enum Channel {
        SMS, WHATSAPP;

        /** As settings, events and metrics name it. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ChannelOrder {
        channels = List.copyOf(channels);
        if (channels.isEmpty()) {
            throw new IllegalArgumentException("names no channel");
        }
    }

    static ChannelOrder from(ConfigReader config) {
        List<Channel> channels = new ArrayList<>();
        for (String name : SettingsRegistry.CHANNELS.valueOrDefault(config).split(",")) {
            if (name.isBlank()) {
                continue;
            }
            Channel channel = parse(config, name.strip().toLowerCase(Locale.ROOT));
            if (channels.contains(channel)) {
                throw SettingsRegistry.CHANNELS.invalid(config, "names '" + channel.label() + "' twice");
            }
            channels.add(channel);
        }
        if (channels.isEmpty()) {
            throw SettingsRegistry.CHANNELS.invalid(config, "must name at least one channel: sms, whatsapp");
        }
        return new ChannelOrder(channels);
    }

    private static Channel parse(ConfigReader config, String name) {
        for (Channel channel : Channel.values()) {
            if (channel.label().equals(name)) {
                return channel;
            }
        }
        throw SettingsRegistry.CHANNELS.invalid(config, "names an unknown channel '" + name
                + "' (channels: sms, whatsapp)");
    }

    /** The channel each code goes by first. */
    public Channel first() {
        return channels.get(0);
    }

    /** The channel after {@code channel}, where a send it cannot make goes. */
    public Optional<Channel> after(Channel channel) {
        int at = channels.indexOf(channel);
        return at < 0 || at + 1 >= channels.size() ? Optional.empty() : Optional.of(channels.get(at + 1));
    }

    public boolean includes(Channel channel) {
        return channels.contains(channel);
    }
}
