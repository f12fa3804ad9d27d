package io.ossenforcer.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Which package may use which (DESIGN.md, "Packages"): arrows point inward to a pure core, the SDK and FC stay at
 * the edge, and the emulator stands on its own. Checked on the main classes as compiled.
 */
class DependencyDirectionTest {
    private static final String[] CORE = {"io.ossenforcer.event..", "io.ossenforcer.rules..",
        "io.ossenforcer.enforce..", "io.ossenforcer.json.."};

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.ossenforcer");
    }

    @Test
    void theCoreUsesNeitherTheOssSdkNorLog4jCoreNorFunctionCompute() {
        noClasses().that().resideInAnyPackage(CORE).should().dependOnClassesThat()
                .resideInAnyPackage("com.aliyun.oss..", "org.apache.logging.log4j.core..", "com.aliyun.fc..")
                .check(main);
    }

    @Test
    void theCoreUsesNoAdapterOfTheEdge() {
        noClasses().that().resideInAnyPackage(CORE).should().dependOnClassesThat()
                .resideInAnyPackage("io.ossenforcer.oss..", "io.ossenforcer.app..", "io.ossenforcer.handler..",
                        "io.ossenforcer.cli..", "io.ossenforcer.localoss..", "io.ossenforcer.sweep..")
                .check(main);
    }

    /**
     * The SDK is the oss package's alone. The command line's demo and local-oss play an OSS user against the
     * emulator, uploading and creating buckets with the SDK as any client would; they are the only exceptions.
     */
    @Test
    void onlyTheOssPackageUsesTheOssSdk() {
        noClasses().that().resideOutsideOfPackage("io.ossenforcer.oss..")
                .and().haveNameNotMatching("io\\.ossenforcer\\.cli\\.(DemoCommand|LocalOssCommand)(\\$.*)?")
                .should().dependOnClassesThat().resideInAPackage("com.aliyun.oss..")
                .check(main);
    }

    @Test
    void theEmulatorUsesNothingOfTheEnforcer() {
        noClasses().that().resideInAPackage("io.ossenforcer.localoss..").should().dependOnClassesThat()
                .resideInAnyPackage("io.ossenforcer.event..", "io.ossenforcer.rules..", "io.ossenforcer.enforce..",
                        "io.ossenforcer.json..", "io.ossenforcer.oss..", "io.ossenforcer.sweep..",
                        "io.ossenforcer.app..", "io.ossenforcer.handler..", "io.ossenforcer.cli..")
                .check(main);
    }

    @Test
    void theFunctionSideNeverUsesTheCommandLineOrTheEmulator() {
        noClasses().that().resideInAnyPackage("io.ossenforcer.handler..", "io.ossenforcer.app..",
                "io.ossenforcer.oss..", "io.ossenforcer.sweep..").should().dependOnClassesThat()
                .resideInAnyPackage("io.ossenforcer.cli..", "io.ossenforcer.localoss..")
                .check(main);
    }

    /** Settings, credentials, reports and sweeps come from the composition root, as the handlers' do. */
    @Test
    void theCommandLineRunsTheEnforcerThroughTheCompositionRootNeverThroughTheHandlers() {
        noClasses().that().resideInAPackage("io.ossenforcer.cli..").should().dependOnClassesThat()
                .resideInAPackage("io.ossenforcer.handler..")
                .check(main);
    }

    @Test
    void onlyTheHandlersUseFunctionCompute() {
        noClasses().that().resideOutsideOfPackage("io.ossenforcer.handler..").should().dependOnClassesThat()
                .resideInAPackage("com.aliyun.fc..")
                .check(main);
    }
}
