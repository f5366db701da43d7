package io.github.smsotp.sender;

import io.github.smsotp.provider.StatelessFactory;

/** Factory of a WhatsApp sender; its per-realm settings are stored under {@code whatsapp.}. */
public interface WhatsAppSenderFactory extends StatelessFactory<WhatsAppSender> {
}
