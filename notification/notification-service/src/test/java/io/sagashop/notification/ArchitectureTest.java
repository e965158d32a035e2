package io.sagashop.notification;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/**
 * The notification service's boundaries: other services only through their -api jars; a class
 * is public only when another package uses it; sending, history and dead letters stay apart.
 */
@AnalyzeClasses(packages = "io.sagashop.notification", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule usesOtherServicesOnlyThroughTheirApi = noClasses()
            .that().resideInAPackage("io.sagashop.notification..")
            .should().dependOnClassesThat(resideInAnyPackage("io.sagashop.catalog..", "io.sagashop.payment..",
                    "io.sagashop.order..", "io.sagashop.user..", "io.sagashop.recommendation..", "io.sagashop.hub..")
                    .and(not(resideInAPackage("..api.."))))
            .because("services share only their -api contracts; everything else travels through the hub");

    @ArchTest
    static final ArchRule publicOnlyWhatAnotherPackageUses = classes()
            .that().resideInAPackage("io.sagashop.notification.(*)..")
            .and().resideOutsideOfPackage("io.sagashop.notification.api..")
            .and().arePublic().and().areTopLevelClasses()
            .should(beUsedFromAnotherPackage())
            .because("a feature package shows only what other packages need; the rest is package-private");

    @ArchTest
    static final ArchRule theReadSideNeverSends = noClasses()
            .that().resideInAnyPackage("io.sagashop.notification.history..", "io.sagashop.notification.deadletter..")
            .should().dependOnClassesThat().resideInAnyPackage("io.sagashop.notification.delivery..",
                    "io.sagashop.notification.sms..", "io.sagashop.notification.message..")
            .because("listing notifications or dead letters must not be able to send anything");

    @ArchTest
    static final ArchRule contactsAndMessagesKnowNothingOfSending = noClasses()
            .that().resideInAnyPackage("io.sagashop.notification.contact..", "io.sagashop.notification.message..",
                    "io.sagashop.notification.sms..")
            .should().dependOnClassesThat().resideInAnyPackage("io.sagashop.notification.delivery..",
                    "io.sagashop.notification.history..", "io.sagashop.notification.deadletter..");

    @ArchTest
    static final ArchRule theApiIsPlainJava = classes()
            .that().resideInAPackage("io.sagashop.notification.api..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.sagashop.notification.api..")
            .because("the -api jar is the wire contract: records, no Spring");

    private static ArchCondition<JavaClass> beUsedFromAnotherPackage() {
        return new ArchCondition<>("be used from another package") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                boolean used = type.getDirectDependenciesToSelf().stream()
                        .anyMatch(dependency -> !dependency.getOriginClass().getPackageName().equals(type.getPackageName()));
                if (!used) {
                    events.add(SimpleConditionEvent.violated(type,
                            type.getName() + " is public but used only inside its own package"));
                }
            }
        };
    }
}
