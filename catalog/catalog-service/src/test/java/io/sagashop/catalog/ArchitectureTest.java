package io.sagashop.catalog;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private static final JavaClasses CATALOG = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.sagashop.catalog");

    /** Another service's code that is not its -api: io.sagashop.X.. where X is neither catalog nor platform, outside ..api.. */
    private static final DescribedPredicate<JavaClass> OTHER_SERVICES_INTERNALS = new DescribedPredicate<>(
            "another service's -service classes") {
        @Override
        public boolean test(JavaClass c) {
            String p = c.getPackageName();
            return p.startsWith("io.sagashop.") && !p.startsWith("io.sagashop.catalog") && !p.startsWith("io.sagashop.platform")
                    && !p.matches("io\\.sagashop\\.[a-z]+\\.api(\\..*)?");
        }
    };

    @Test
    void theCatalogUsesOtherServicesOnlyThroughTheirApiJars() {
        noClasses().that().resideInAPackage("io.sagashop.catalog..")
                .should().dependOnClassesThat(OTHER_SERVICES_INTERNALS)
                .check(CATALOG);
    }

    @Test
    void theCommandSideDoesNotReadTheQuerySide() {
        noClasses().that().resideInAPackage("io.sagashop.catalog.product..")
                .should().dependOnClassesThat().resideInAnyPackage("io.sagashop.catalog.search..", "io.sagashop.catalog.stock..")
                .check(CATALOG);
    }

    @Test
    void theQuerySideSeesOnlyEventsNeverTheAggregate() {
        noClasses().that().resideInAnyPackage("io.sagashop.catalog.search..", "io.sagashop.catalog.stock..")
                .should().dependOnClassesThat().resideInAPackage("io.sagashop.catalog.product..")
                .check(CATALOG);
    }

    @Test
    void searchAndStockProjectionsAreIndependent() {
        noClasses().that().resideInAPackage("io.sagashop.catalog.search..")
                .should().dependOnClassesThat().resideInAPackage("io.sagashop.catalog.stock..")
                .check(CATALOG);
        noClasses().that().resideInAPackage("io.sagashop.catalog.stock..")
                .should().dependOnClassesThat().resideInAPackage("io.sagashop.catalog.search..")
                .check(CATALOG);
    }

    /** Its stores are plain SQL and its pom leaves JPA out: no persistence context around each unit of work. */
    @Test
    void theCatalogRunsWithoutJpa() {
        noClasses().that().resideInAPackage("io.sagashop.catalog..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.persistence..", "org.hibernate..",
                        "org.springframework.data.jpa..", "org.springframework.orm.jpa..")
                .check(CATALOG);
    }

    @Test
    void theApiIsPlainJavaWithoutSpring() {
        noClasses().that().resideInAPackage("io.sagashop.catalog.api..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta..", "com.fasterxml..")
                .check(CATALOG);
    }
}
