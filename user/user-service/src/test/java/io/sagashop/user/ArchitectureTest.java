package io.sagashop.user;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "io.sagashop", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule usesOtherServicesOnlyThroughTheirApi = noClasses()
            .that().resideInAPackage("io.sagashop.user..")
            .should().dependOnClassesThat(resideInAnyPackage("io.sagashop.catalog..", "io.sagashop.payment..",
                    "io.sagashop.order..", "io.sagashop.notification..", "io.sagashop.recommendation..", "io.sagashop.hub..")
                    .and(not(resideInAPackage("..api.."))))
            .because("services share only their -api contracts; everything else travels through the hub");

    @ArchTest
    static final ArchRule querySideKnowsNothingOfTheCommandSide = noClasses()
            .that().resideInAPackage("io.sagashop.user.profile..")
            .should().dependOnClassesThat().resideInAnyPackage("io.sagashop.user.account..", "io.sagashop.user.auth..")
            .because("the profile projection is built from events only");

    @ArchTest
    static final ArchRule commandSideDoesNotReadTheProjection = noClasses()
            .that().resideInAnyPackage("io.sagashop.user.account..", "io.sagashop.user.auth..")
            .should().dependOnClassesThat().resideInAPackage("io.sagashop.user.profile..")
            .because("decisions rest on the aggregate and the credential store, never on an eventually consistent view");

    @ArchTest
    static final ArchRule accountDoesNotDependOnLogin = noClasses()
            .that().resideInAPackage("io.sagashop.user.account..")
            .should().dependOnClassesThat().resideInAPackage("io.sagashop.user.auth..");

    @ArchTest
    static final ArchRule apiIsPlainJava = classes()
            .that().resideInAPackage("io.sagashop.user.api..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.sagashop.user.api..",
                    "org.axonframework.modelling.command..")
            .because("the -api jar is the wire contract: records, no Spring");
}
