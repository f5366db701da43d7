package io.github.smsotp.it.harness;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;


/**
 * The Keycloak image the container tests run: built here by {@code src/test/container/build-keycloak-image.sh}
 * from Debian's packages and the distribution zip from Maven Central (no registry is needed), tagged like
 * the official image so {@code docker-compose.yml} runs unchanged. Built at most once per test run;
 * the script itself skips an image that is up to date.
 */
public final class LocalKeycloakImage {

    private static String built;

    private LocalKeycloakImage() {
    }

    /** The image tag for the distribution under test, built if needed. */
    public static synchronized String ensure() throws IOException, InterruptedException {
        if (built != null) {
            return built;
        }
        RequiredTool.dockerEngine();
        RequiredTool.find("apt-get install debootstrap", Path.of("/usr/sbin/debootstrap"));
        String version = KeycloakServer.distribution().getFileName().toString().replace("keycloak-", "");
        String tag = "quay.io/keycloak/keycloak:" + version;
        Path zip = Path.of(System.getProperty("keycloak.dist.zip", System.getProperty("user.home")
                + "/.m2/repository/org/keycloak/keycloak-quarkus-dist/" + version + "/keycloak-quarkus-dist-" + version + ".zip"));
        Path log = KeycloakServer.runDir().resolve("image-build.log");
        Process build = new ProcessBuilder("bash",
                KeycloakServer.projectDir().resolve("src/test/container/build-keycloak-image.sh").toString(),
                zip.toString(), tag)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!build.waitFor(20, TimeUnit.MINUTES) || build.exitValue() != 0) {
            build.destroyForcibly();
            throw new IllegalStateException("building the Keycloak image failed, see " + log);
        }
        built = tag;
        return tag;
    }
}
