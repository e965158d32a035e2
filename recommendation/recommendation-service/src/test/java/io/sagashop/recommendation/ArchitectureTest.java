package io.sagashop.recommendation;

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
            .that().resideInAPackage("io.sagashop.recommendation..")
            .should().dependOnClassesThat(resideInAnyPackage("io.sagashop.catalog..", "io.sagashop.payment..",
                    "io.sagashop.order..", "io.sagashop.user..", "io.sagashop.notification..", "io.sagashop.hub..")
                    .and(not(resideInAPackage("..api.."))))
            .because("services share only their -api contracts; everything else travels through the hub");

    @ArchTest
    static final ArchRule onlyTheHistoryReaderAndItsRecordsArePublic = classes()
            .that().resideInAnyPackage("io.sagashop.recommendation.history..", "io.sagashop.recommendation.ranking..")
            .and().arePublic()
            .should().haveNameMatching("io\\.sagashop\\.recommendation\\.history\\.(History|Evidence|KnownProduct|Purchase)")
            .because("projections, scoring, handlers and controllers are the features' own business: package-private");

    @ArchTest
    static final ArchRule theApplicationWiringIsPackagePrivate = classes()
            .that().resideInAPackage("io.sagashop.recommendation")
            .and().doNotHaveSimpleName("RecommendationApplication")
            .should().notBePublic();

    @ArchTest
    static final ArchRule theHistoryKnowsNothingOfRanking = noClasses()
            .that().resideInAPackage("io.sagashop.recommendation.history..")
            .should().dependOnClassesThat().resideInAPackage("io.sagashop.recommendation.ranking..")
            .because("the views are built from events only, whatever is later asked of them");

    @ArchTest
    static final ArchRule theRankingNeverWritesTheViews = noClasses()
            .that().resideInAPackage("io.sagashop.recommendation.ranking..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.jdbc..", "jakarta.persistence..",
                    "org.axonframework.eventhandling..")
            .because("only the history's projections write; answering a question changes nothing");

    @ArchTest
    static final ArchRule apiIsPlainJava = classes()
            .that().resideInAPackage("io.sagashop.recommendation.api..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.sagashop.recommendation.api..",
                    "io.sagashop.catalog.api..")
            .because("the -api jar is the wire contract: records, no Spring");
}
