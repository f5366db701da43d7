package io.github.smsotp.sender;

import io.github.smsotp.provider.StatelessFactory;

/** Factory of a voice sender; its per-realm settings are stored under {@code voice.}. */
public interface VoiceSenderFactory extends StatelessFactory<VoiceSender> {
}
