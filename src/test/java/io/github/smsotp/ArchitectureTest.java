package io.github.smsotp;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * How the packages depend on each other, checked on the compiled classes. From the top:
 * <ul>
 *   <li>entry points, by the Keycloak role that calls them: {@code browser} (the browser flow's
 *       authenticators: the second factor and phone sign-in), {@code reset} (the reset-credentials
 *       flow's), {@code directgrant} (the direct grant flow's second factor, for apps), {@code registration} (the registration form's action and the user profile's
 *       validator), {@code requiredaction} (enrollment), {@code account} (the credential in the
 *       Account Console), {@code admin} (the realm tab and the admin REST API),
 *       {@code receipts} (the receipts endpoint and the code page's status poll);</li>
 *   <li>the engine: {@code step}, one code step behind every entry point, and {@code userless},
 *       the same step where the user is not known yet (phone sign-in, reset, registration);</li>
 *   <li>the rules: {@code challenge}, {@code limits}, {@code credential}, {@code trust},
 *       {@code delivery};</li>
 *   <li>settings: {@code settings}, the realm's and each entry point's values and what they mean;</li>
 *   <li>senders: {@code sender} and its providers, which know no flow;</li>
 *   <li>the ground every floor stands on: {@code phone}, {@code metrics}, {@code events},
 *       {@code config} (typed reading of values, with errors that name the key) and {@code provider}
 *       (what every factory shares).</li>
 * </ul>
 * Run alone with {@code mvn test -Dtest=ArchitectureTest}.
 */
@AnalyzeClasses(packages = "io.github.smsotp", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String[] ENTRY_POINTS = {"io.github.smsotp.browser..", "io.github.smsotp.reset..",
            "io.github.smsotp.directgrant..",
            "io.github.smsotp.registration..", "io.github.smsotp.requiredaction..", "io.github.smsotp.account..",
            "io.github.smsotp.admin..", "io.github.smsotp.receipts.."};

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("io.github.smsotp.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule dependenciesRunDownwards = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Entry points").definedBy(ENTRY_POINTS)
            .layer("Engine").definedBy("io.github.smsotp.step..", "io.github.smsotp.userless..")
            .layer("Rules").definedBy("io.github.smsotp.challenge..", "io.github.smsotp.limits..",
                    "io.github.smsotp.credential..", "io.github.smsotp.trust..", "io.github.smsotp.delivery..")
            .layer("Settings").definedBy("io.github.smsotp.settings..")
            .layer("Senders").definedBy("io.github.smsotp.sender..")
            .layer("Ground").definedBy("io.github.smsotp.phone..", "io.github.smsotp.metrics..",
                    "io.github.smsotp.events..", "io.github.smsotp.config..", "io.github.smsotp.provider..")
            .whereLayer("Entry points").mayNotBeAccessedByAnyLayer()
            .whereLayer("Engine").mayOnlyBeAccessedByLayers("Entry points")
            .whereLayer("Rules").mayOnlyBeAccessedByLayers("Entry points", "Engine")
            .whereLayer("Settings").mayOnlyBeAccessedByLayers("Entry points", "Engine", "Rules")
            .whereLayer("Senders").mayOnlyBeAccessedByLayers("Entry points", "Engine", "Rules", "Settings");

    @ArchTest
    static final ArchRule sendersKnowNoFlow = noClasses().that().resideInAPackage("io.github.smsotp.sender..")
            .should().dependOnClassesThat().resideInAnyPackage("io.github.smsotp.step..", "io.github.smsotp.settings..",
                    "io.github.smsotp.limits..", "io.github.smsotp.challenge..", "io.github.smsotp.credential..",
                    "io.github.smsotp.trust..", "io.github.smsotp.delivery..")
            .orShould().dependOnClassesThat().resideInAnyPackage(ENTRY_POINTS)
            .orShould().dependOnClassesThat().resideInAnyPackage("org.keycloak.authentication..", "org.keycloak.sessions..");

    @ArchTest
    static final ArchRule theCredentialDoesNotKnowTrust = noClasses().that().resideInAPackage("io.github.smsotp.credential..")
            .should().dependOnClassesThat().resideInAPackage("io.github.smsotp.trust..");

    @ArchTest
    static final ArchRule loginCodeNeverCallsAdminCode = noClasses().that().resideOutsideOfPackage("io.github.smsotp.admin..")
            .should().dependOnClassesThat().resideInAPackage("io.github.smsotp.admin..");
}
