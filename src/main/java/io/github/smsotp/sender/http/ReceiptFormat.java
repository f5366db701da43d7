package io.github.smsotp.sender.http;

import java.util.List;

import io.github.smsotp.config.ConfigReader;
import io.github.smsotp.sender.Receipt;
import io.github.smsotp.sender.ReceiptRejected;
import io.github.smsotp.sender.ReceiptRequest;

/**
 * How one provider signs and words its delivery receipts. The signature is checked before any of
 * the content is trusted; the content is then read into provider-neutral terms.
 */
interface ReceiptFormat {

    /** The setting with the secret that signs receipts, where it is not the preset's API secret. */
    String RECEIPT_SECRET = "receipt-secret";

    /**
     * @param settings this sender's settings in the realm
     * @throws ReceiptRejected 401 for a missing or wrong signature, 400 for content it cannot read
     */
    List<Receipt> read(ReceiptRequest request, ConfigReader settings) throws ReceiptRejected;
}
