package dev.switchboard.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import dev.switchboard.refusal.Invalid;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The default rules on a pinned subset of the benchmark's corpus, and the engine's rules of judgement. */
class TriageEngineTest {

    private static final TriageEngine DEFAULTS = TriageEngine.of(TriageRules.defaults());

    @ParameterizedTest(name = "{1} ← {0}")
    @CsvSource(delimiter = '|', textBlock = """
            Hi, I'd like a refund for the blue jacket, it doesn't fit.                 | refund
            ¿Cuándo recibiré el reembolso de mi pedido 5521?                           | refund
            Please cancel my order, I placed it by mistake.                            | cancellation
            Ich möchte mein Abo kündigen.                                              | cancellation
            Where is my order? I ordered on Monday.                                    | order-status
            Où est ma commande ? Le suivi ne bouge plus depuis 3 jours.                | order-status
            My package says delivered but I never received it.                         | shipping
            Livrez-vous en Belgique ?                                                  | shipping
            I can't log in, it says my password is wrong.                              | account
            Ich kann mich nicht anmelden, mein Passwort funktioniert nicht.            | account
            Can you send me an invoice with my company VAT number?                     | billing
            Does this jacket run small? I'm usually a medium.                          | product-question
            I'm very disappointed with the quality, the seams came apart after one wash. | complaint
            Thanks a lot, that solved it!                                              | other
            """)
    void default_rules_classify_the_pinned_messages(String text, String intent) {
        assertThat(DEFAULTS.classify(TriageEngine.Message.of(text)).intent()).isEqualTo(intent);
    }

    @Test
    void a_classification_carries_its_score_and_the_words_that_matched() {
        TriageEngine.Triage triage = DEFAULTS.classify(TriageEngine.Message.of("I want my money back, please refund me"));

        assertThat(triage.confident()).isTrue();
        assertThat(triage.score()).isEqualTo(5);
        assertThat(triage.evidence()).containsExactly("keyword \"refund\"", "phrase \"money back\"", "phrase \"my money\"");
    }

    @Test
    void accents_case_and_common_misspellings_do_not_matter() {
        assertThat(DEFAULTS.classify(TriageEngine.Message.of("REFND PLS")).intent()).isEqualTo("refund");
        assertThat(DEFAULTS.classify(TriageEngine.Message.of("Quiero un REEMBOLSÓ")).intent()).isEqualTo("refund");
    }

    @Test
    void an_intent_the_customer_declines_is_no_evidence_for_it() {
        TriageEngine.Triage declined = DEFAULTS.classify(TriageEngine.Message.of("I don't want to cancel, I just want to know where my order is."));
        TriageEngine.Triage asked = DEFAULTS.classify(TriageEngine.Message.of("I want to cancel, and where is my order?"));

        assertThat(declined.intent()).isEqualTo("order-status");
        assertThat(declined.scores()).extracting(TriageEngine.Score::intent).doesNotContain("cancellation");
        assertThat(asked.scores()).extracting(TriageEngine.Score::intent).contains("cancellation");
    }

    @Test
    void anger_is_negation_aware_and_counts_capitals_and_shouted_punctuation() {
        assertThat(DEFAULTS.classify(TriageEngine.Message.of("I'm not angry, just curious about my refund")).escalated()).isFalse();
        TriageEngine.Triage angry = DEFAULTS.classify(TriageEngine.Message.of("This is RIDICULOUS, you are useless!!!"));
        assertThat(angry.escalations()).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo("angry");
            assertThat(e.evidence()).contains("\"ridiculous\"", "\"useless\"", "\"!!!\"");
        });
        TriageEngine.Triage shouting = DEFAULTS.classify(TriageEngine.Message.of("WHERE IS MY PACKAGE I ORDERED IT A MONTH AGO!!"));
        assertThat(shouting.escalations()).extracting(TriageEngine.Escalation::evidence).anySatisfy(e -> assertThat(e).contains("written in capitals"));
    }

    @Test
    void asking_for_a_person_and_threats_escalate_but_not_when_denied() {
        assertThat(reasons("Can I speak to a manager please?")).containsExactly("human-requested");
        assertThat(reasons("I don't need a manager, thanks")).isEmpty();
        assertThat(reasons("I will file a chargeback tomorrow")).containsExactly("threat");
        assertThat(reasons("I'm not going to do a chargeback, relax")).isEmpty();
    }

    @Test
    void repeated_contact_is_the_customer_saying_so_or_their_recent_conversations() {
        assertThat(reasons("This is the third time I write about this")).containsExactly("repeat-contact");
        assertThat(DEFAULTS.classify(new TriageEngine.Message("Where is my order?", null, Map.of(), 3)).escalations())
                .singleElement().satisfies(e -> assertThat(e.evidence()).isEqualTo("3 conversations opened in 72 h"));
        assertThat(DEFAULTS.classify(new TriageEngine.Message("Where is my order?", null, Map.of(), 2)).escalated()).isFalse();
    }

    @Test
    void a_vip_is_found_by_attribute_domain_or_list() {
        TriageRules base = TriageRules.defaults();
        TriageRules.Escalation e = base.escalation();
        TriageRules withLists = new TriageRules(base.intents(), base.minimumScore(), base.misspellings(), base.declines(),
                new TriageRules.Escalation(e.anger(), e.angerAt(), e.negations(), e.human(), e.threats(), e.repeatPhrases(), e.repeat(),
                        new TriageRules.Vip("tier", List.of("gold"), List.of("bigcorp.example"), List.of("ceo@small.example"))),
                base.actions());
        TriageEngine engine = TriageEngine.of(withLists);

        assertThat(engine.classify(new TriageEngine.Message("hi", null, Map.of("tier", "Gold"), 1)).vip()).isTrue();
        assertThat(engine.classify(new TriageEngine.Message("hi", "anna@BigCorp.example", Map.of(), 1)).vip()).isTrue();
        assertThat(engine.classify(new TriageEngine.Message("hi", "ceo@small.example", Map.of(), 1)).vip()).isTrue();
        assertThat(engine.classify(new TriageEngine.Message("hi", "bob@small.example", Map.of("tier", "silver"), 1)).vip()).isFalse();
    }

    @Test
    void rules_with_mistakes_are_refused_with_every_problem_named() {
        String rules = TriageRules.defaults().toJson()
                .replaceFirst("\"name\" : \"cancellation\"", "\"name\" : \"refund\"")
                .replaceFirst("\"regex\" : \"[^\"]*\"", "\"regex\" : \"(unclosed\"");

        assertThatThrownBy(() -> TriageEngine.of(TriageRules.read(rules))).isInstanceOfSatisfying(Invalid.class, invalid ->
                assertThat(invalid.fieldErrors()).containsKeys("intents[1].name", "intents[0].patterns[0].regex"));
        assertThatThrownBy(() -> TriageRules.read("{\"intents\": [], \"surprise\": 1}")).isInstanceOf(Invalid.class);
        assertThat(TriageEngine.of(TriageRules.read(TriageRules.defaults().toJson())).rules()).as("the defaults pass")
                .isEqualTo(TriageRules.defaults());
    }

    private static List<String> reasons(String text) {
        return DEFAULTS.classify(TriageEngine.Message.of(text)).escalations().stream().map(TriageEngine.Escalation::reason).toList();
    }
}
