package io.github.smsotp.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;

import dasniko.testcontainers.keycloak.KeycloakContainer;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * A test server in a container (Testcontainers' Keycloak module) from the locally built image, on
 * the host's network: no bridge, no private addresses; Keycloak binds 127.0.0.1 on the ports the
 * options name, exactly as the distribution-based server does. The test server's folders are
 * mounted: its providers and realm imports where the image expects them, and its vault and data
 * folders at their own paths, so options naming them mean the same inside the container.
 */
public final class ContainerKeycloak implements KeycloakServer.Running {

    private final KeycloakContainer container;

    private ContainerKeycloak(KeycloakContainer container) {
        this.container = container;
    }

    static ContainerKeycloak start(String image, Path home, Path log, List<String> options) throws IOException {
        Files.deleteIfExists(log);
        Files.createDirectories(home.resolve("vault"));
        KeycloakContainer container = new KeycloakContainer(image).withProductionMode()
                .withNetworkMode("host")
                .withFileSystemBind(home.resolve("providers").toString(), "/opt/keycloak/providers", BindMode.READ_ONLY)
                .withFileSystemBind(home.resolve("data/import").toString(), "/opt/keycloak/data/import", BindMode.READ_ONLY)
                .withFileSystemBind(home.resolve("vault").toAbsolutePath().toString(),
                        home.resolve("vault").toAbsolutePath().toString(), BindMode.READ_ONLY)
                .withFileSystemBind(home.resolve("data").toAbsolutePath().toString(),
                        home.resolve("data").toAbsolutePath().toString(), BindMode.READ_WRITE)
                // Root inside the container, so it may write into the test user's data folder (outbox).
                .withCreateContainerCmdModifier(cmd -> cmd.withUser("0"))
                .withLogConsumer(frame -> append(log, frame.getUtf8String()))
                .waitingFor(Wait.forLogMessage(".*Listening on: .*", 1).withStartupTimeout(Duration.ofMinutes(5)));
        // Host networking publishes nothing: the server is reached on the ports in the options.
        container.setExposedPorts(List.of());
        // The module passes --import-realm itself; Keycloak refuses an option given twice.
        options.stream().filter(option -> !option.equals("--import-realm")).forEach(container::withCustomCommand);
        container.start();
        return new ContainerKeycloak(container);
    }

    private static void append(Path log, String text) {
        try {
            Files.writeString(log, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean alive() {
        return container.isRunning();
    }

    @Override
    public String exitDescription() {
        return "the container " + container.getDockerImageName() + " stopped";
    }

    @Override
    public void stop() {
        container.stop();
    }
}
