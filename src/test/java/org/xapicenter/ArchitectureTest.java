package org.xapicenter;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xapicenter.xapi.XapiException;

/** The dependency rules of ARCHITECTURE.md, held on the production classes. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.xapicenter");
    }

    @Test
    void onlyTheUiTouchesJavaFx() {
        ArchRule rule = noClasses().that().resideOutsideOfPackage("org.xapicenter.ui..")
                .and().doNotHaveFullyQualifiedName("org.xapicenter.Main")
                .should().dependOnClassesThat().resideInAPackage("javafx..")
                .because("xapi, cache, rfb, xva, rrd and sim are plain libraries a server or CLI could reuse");
        rule.check(classes);
    }

    @Test
    void mainTouchesNoJavaFxEitherSoTheShadedJarCanStart() {
        noClasses().that().haveFullyQualifiedName("org.xapicenter.Main")
                .should().dependOnClassesThat().resideInAPackage("javafx..")
                .because("a main class that needs JavaFX before launch fails in a plain java -jar")
                .check(classes);
    }

    @Test
    void simulatorAndUiNeverSeeEachOther() {
        noClasses().that().resideInAPackage("org.xapicenter.sim..")
                .should().dependOnClassesThat().resideInAnyPackage("org.xapicenter.ui..", "org.xapicenter.cache..")
                .check(classes);
        noClasses().that().resideInAPackage("org.xapicenter.ui..")
                .should().dependOnClassesThat().resideInAPackage("org.xapicenter.sim..")
                .because("only Main wires the demo pool to the GUI")
                .check(classes);
    }

    @Test
    void simulatorSharesOnlyTheWireCodecsAndErrorsWithTheClient() {
        DescribedPredicate<JavaClass> clientState = resideInAPackage("org.xapicenter.xapi..")
                .and(not(resideInAPackage("org.xapicenter.xapi.wire..")))
                .and(not(equivalentTo(XapiException.class)))
                .as("client classes other than the wire codecs and XapiException");
        noClasses().that().resideInAPackage("org.xapicenter.sim..")
                .should().dependOnClassesThat(clientState)
                .check(classes);
    }

    @Test
    void clientLayersDoNotReachUpwards() {
        noClasses().that().resideInAPackage("org.xapicenter.xapi..")
                .should().dependOnClassesThat().resideInAnyPackage("org.xapicenter.cache..", "org.xapicenter.ui..",
                        "org.xapicenter.sim..")
                .check(classes);
        noClasses().that().resideInAPackage("org.xapicenter.cache..")
                .should().dependOnClassesThat().resideInAnyPackage("org.xapicenter.ui..", "org.xapicenter.sim..")
                .check(classes);
    }

    @Test
    void xvaIsANeutralFormatLibrary() {
        DescribedPredicate<JavaClass> clientOrAbove = resideInAnyPackage("org.xapicenter.xapi..",
                "org.xapicenter.sim..", "org.xapicenter.cache..", "org.xapicenter.ui..")
                .and(not(resideInAPackage("org.xapicenter.xapi.wire..")))
                .as("xapi (but its wire codecs), sim, cache or ui");
        noClasses().that().resideInAPackage("org.xapicenter.xva..")
                .should().dependOnClassesThat(clientOrAbove)
                .because("sim and xapi both use xva: it must not depend on either, only on xapi.wire's hardened XML")
                .check(classes);
    }

    @Test
    void rrdIsANeutralFormatLibrary() {
        noClasses().that().resideInAPackage("org.xapicenter.rrd..")
                .should().dependOnClassesThat().resideInAnyPackage("org.xapicenter.xapi..", "org.xapicenter.sim..",
                        "org.xapicenter.cache..", "org.xapicenter.ui..")
                .because("the simulator writes what the client reads: the format library depends on neither")
                .check(classes);
    }

    @Test
    void onlyTheChartAdapterNamesChartFx() {
        noClasses().that().doNotHaveFullyQualifiedName("org.xapicenter.ui.perf.ChartFxTimeChart")
                .and().resideOutsideOfPackage("org.xapicenter.ui.perf.chartfx..")
                .should().dependOnClassesThat().resideInAPackage("io.fair_acc..")
                .because("charts go through ui.perf.TimeChart so ChartFX can be replaced in one place")
                .check(classes);
    }

    @Test
    void settingsAreAPlainStoreBelowTheWindow() {
        noClasses().that().resideInAPackage("org.xapicenter.settings..")
                .should().dependOnClassesThat().resideInAnyPackage("org.xapicenter.ui..", "org.xapicenter.sim..",
                        "org.xapicenter.cache..", "org.xapicenter.xapi.transport..", "org.xapicenter.xapi.sidechannel..")
                .because("the settings file is read by the window and the command line alike, and opens no connection")
                .check(classes);
        noClasses().that().resideInAPackage("org.xapicenter.xapi..")
                .should().dependOnClassesThat().resideInAPackage("org.xapicenter.settings..")
                .because("xapi asks a PinStore for pins; where they are kept is the caller's choice")
                .check(classes);
    }
}
