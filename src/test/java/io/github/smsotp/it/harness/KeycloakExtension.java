package io.github.smsotp.it.harness;

import java.nio.file.Path;

import io.github.smsotp.it.stubs.GatewayStub;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.opentest4j.TestAbortedException;

/**
 * Starts one Keycloak (and its gateway stub) for each test JVM and hands it to test classes
 * as a {@link KeycloakServer} parameter. It stops when the JVM's run ends.
 */
public final class KeycloakExtension implements BeforeAllCallback, ParameterResolver {

    /**
     * One per JVM, not in the root context's store: with more than one fork, failsafe launches each
     * test class on its own, and the root context (with what its store holds) ends after each class.
     */
    private static Running running;

    @Override
    public void beforeAll(ExtensionContext context) {
        server();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KeycloakServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return server();
    }

    private static synchronized KeycloakServer server() {
        if (running == null) {
            running = Running.start();
            Runtime.getRuntime().addShutdownHook(new Thread(running::close, "stop-keycloak"));
        }
        return running.server;
    }

    /** Stopped when the JVM exits, after its last test class. */
    private record Running(KeycloakServer server, GatewayStub gateway) {

        static Running start() {
            try {
                GatewayStub gateway = new GatewayStub();
                try {
                    return new Running(TestServer.start(serverDir(), gateway), gateway);
                } catch (Exception e) {
                    gateway.close();
                    throw e;
                }
            } catch (TestAbortedException missingTool) {
                throw missingTool;
            } catch (Exception e) {
                throw new IllegalStateException("could not start Keycloak for the tests", e);
            }
        }

        /**
         * Failsafe runs the suite in parallel JVMs ({@code forkCount}); each JVM has its own server, in
         * its own copy of the distribution, since a server builds and writes into its folder.
         */
        private static Path serverDir() {
            return KeycloakServer.runDir().resolve(System.getProperty("server.folder", "server-1"));
        }

        void close() {
            try {
                server.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                gateway.close();
            }
        }
    }
}
