package io.github.smsotp.it.stubs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A loopback SMTP server that accepts every message (plain SMTP, no TLS, no auth) and keeps it.
 * A witness, if given, is asked while the sender waits for the reply to its message, so a test can
 * record what the rest of the system showed at the moment the mail was handed over.
 */
public final class SmtpStub implements AutoCloseable {

    /** How long a witness may take; the sender waits for our reply meanwhile. */
    private static final long WITNESS_SECONDS = 5;

    /**
     * One delivered message: its recipients, its raw content (headers and body) and what the
     * witness said on its arrival (null without a witness).
     */
    public record Mail(List<String> recipients, String content, String witnessed) {
    }

    private final ServerSocket server;
    private final List<Mail> mails = new CopyOnWriteArrayList<>();
    private final Thread acceptor;
    private final Supplier<String> witness;

    public SmtpStub() throws IOException {
        this(() -> null);
    }

    public SmtpStub(Supplier<String> witness) throws IOException {
        this.witness = witness;
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::acceptAll, "smtp-stub");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    public List<Mail> mails() {
        return List.copyOf(mails);
    }

    private void acceptAll() {
        while (!server.isClosed()) {
            try (Socket client = server.accept()) {
                converse(client);
            } catch (IOException e) {
                // closed, or a client that went away: wait for the next one
            }
        }
    }

    private void converse(Socket client) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
        OutputStream out = client.getOutputStream();
        reply(out, "220 smtp-stub ready");
        List<String> recipients = new ArrayList<>();
        String line;
        while ((line = in.readLine()) != null) {
            String command = line.toUpperCase();
            if (command.startsWith("RCPT TO:")) {
                recipients.add(line.substring(8).replaceAll("[<>\\s]", ""));
                reply(out, "250 OK");
            } else if (command.equals("DATA")) {
                reply(out, "354 end with <CRLF>.<CRLF>");
                StringBuilder content = new StringBuilder();
                while ((line = in.readLine()) != null && !line.equals(".")) {
                    content.append(line.startsWith("..") ? line.substring(1) : line).append('\n');
                }
                mails.add(new Mail(List.copyOf(recipients), content.toString(), witness()));
                recipients.clear();
                reply(out, "250 OK queued");
            } else if (command.startsWith("QUIT")) {
                reply(out, "221 bye");
                return;
            } else {
                reply(out, "250 OK");
            }
        }
    }

    private String witness() {
        try {
            return CompletableFuture.supplyAsync(witness).get(WITNESS_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            return "no answer: " + e;
        }
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
