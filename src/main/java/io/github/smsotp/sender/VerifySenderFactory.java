package io.github.smsotp.sender;

import io.github.smsotp.provider.StatelessFactory;

/** Factory of a Verify sender; its per-realm settings are stored under {@code verify.}. */
public interface VerifySenderFactory extends StatelessFactory<VerifySender> {
}
