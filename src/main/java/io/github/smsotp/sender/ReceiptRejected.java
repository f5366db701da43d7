package io.github.smsotp.sender;

/**
 * A callback that is not an authentic, well-formed receipt. Its status is what the caller gets:
 * 401 when the signature is missing or wrong, 400 when the content cannot be read, 404 when
 * nothing here takes receipts of that kind. The message
 * names the problem for the caller and the log; it never quotes the request.
 */
public class ReceiptRejected extends Exception {

    public static final int UNSIGNED = 401;
    public static final int MALFORMED = 400;
    public static final int NOT_FOUND = 404;

    private final int status;

    public ReceiptRejected(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public static ReceiptRejected unsigned(String message) {
        return new ReceiptRejected(UNSIGNED, message);
    }

    public static ReceiptRejected malformed(String message) {
        return new ReceiptRejected(MALFORMED, message);
    }

    public int status() {
        return status;
    }
}
