package io.github.smsotp.it.harness;

/**
 * The JUnit tags that choose where an integration test runs. The suite runs once per Keycloak
 * release of the matrix, and once on the container path; each failsafe execution in the pom names
 * the tags it leaves out (or, for the container path, the one it runs), nothing else.
 */
public final class ReleaseMatrix {

    /**
     * Runs on the release the JAR is built against only: the demo command starts that release, and
     * what the test checks is the extension's own code, the same on every release (its pages' markup,
     * the providers' receipt formats, routing, the operator's options).
     */
    public static final String BUILT_RELEASE_ONLY = "built-release-only";
    /** Runs on every release but the oldest: the two-node cluster's start is the suite's longest. */
    public static final String NEWER_RELEASES = "newer-releases";
    /** Runs on the container path only (docker-compose on the project's own file). */
    public static final String CONTAINER_ONLY = "container-only";
    /** Runs on the container path too, through Testcontainers' Keycloak module. */
    public static final String CONTAINER_PATH = "container-path";

    private ReleaseMatrix() {
    }
}
