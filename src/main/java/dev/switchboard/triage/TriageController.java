package dev.switchboard.triage;

import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.switchboard.conversation.Conversations;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/triage}: the rules (VIEWER reads, ADMIN saves, with their history), the "try it" call that
 * classifies a sample and stores nothing (ADMIN), and open conversations by intent (VIEWER).
 */
@RestController
@RequestMapping("/api/triage")
class TriageController {

    private final TriageRuleStore store;
    private final Conversations conversations;

    TriageController(TriageRuleStore store, Conversations conversations) {
        this.store = store;
        this.conversations = conversations;
    }

    @GetMapping("/rules")
    RulesInForce rules() {
        TriageRuleStore.InForce inForce = store.current();
        return new RulesInForce(inForce.version(), inForce.engine().rules());
    }

    /** Saves the rules as a new version; {@code basedOn} is the version they were loaded as (a query parameter). */
    @PutMapping("/rules")
    RulesInForce save(@RequestParam @Min(0) int basedOn, @RequestBody String rules, Authentication who) {
        TriageRuleStore.InForce saved = store.save(TriageRules.read(rules), basedOn, who.getName());
        return new RulesInForce(saved.version(), saved.engine().rules());
    }

    @GetMapping("/rules/history")
    List<dev.switchboard.database.VersionedDocuments.Change> history(@RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        return store.history(limit);
    }

    /** Classifies a sample message with the rules in force, or with the rules given, and stores nothing. */
    @PostMapping("/try")
    TriageEngine.Triage tryIt(@RequestBody @jakarta.validation.Valid Sample sample) {
        TriageEngine engine = sample.rules() == null ? store.current().engine() : TriageEngine.of(sample.rules());
        return engine.classify(new TriageEngine.Message(sample.text(), sample.contactEmail(),
                sample.contactAttributes() == null ? Map.of() : sample.contactAttributes(),
                sample.recentConversations() == null ? 1 : sample.recentConversations()));
    }

    @GetMapping("/intents")
    List<Conversations.IntentCount> intents() {
        return conversations.intents();
    }

    record RulesInForce(int version, TriageRules rules) {
    }

    /** @param rules rules to try instead of those in force (a draft being edited) */
    record Sample(@NotNull @Size(max = 20_000) String text, @Size(max = 320) String contactEmail,
                  Map<String, String> contactAttributes, @Min(1) @Max(1000) Long recentConversations, TriageRules rules) {
    }
}
