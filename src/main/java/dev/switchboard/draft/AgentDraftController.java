package dev.switchboard.draft;

import java.net.URI;
import java.time.Clock;

import jakarta.servlet.http.HttpServletRequest;

import dev.switchboard.delivery.StandardWebhooks;
import dev.switchboard.refusal.Invalid;
import dev.switchboard.refusal.NotAllowed;
import dev.switchboard.refusal.Unauthenticated;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/agent/drafts}: the AI agent proposes a reply. It proves who it is with a Standard Webhooks
 * signature made with its own secret ({@code switchboard.drafts.agent-secret}), or with an API token of the
 * AGENT_BOT role, which can do nothing else. Nobody else may propose: not a person's session, not another token.
 * Answers 201 with the draft, or 200 with the draft stored before under the same idempotency key.
 */
@RestController
class AgentDraftController {

    static final String PATH = "/api/agent/drafts";

    private final Drafts drafts;
    private final DraftProperties properties;
    private final JsonMapper json;
    private final Clock clock;

    AgentDraftController(Drafts drafts, DraftProperties properties, JsonMapper json, Clock clock) {
        this.drafts = drafts;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Draft> propose(@RequestBody(required = false) byte[] body, HttpServletRequest request, Authentication who) {
        byte[] bytes = body == null ? new byte[0] : body;
        authenticate(bytes, request, who);
        Proposal proposal;
        try {
            proposal = json.readValue(bytes, Proposal.class);
        } catch (JacksonException e) {
            throw Invalid.field("body", "is not a draft as JSON: " + e.getOriginalMessage());
        }
        if (proposal == null) {
            throw Invalid.field("body", "is empty: send the draft as a JSON object");
        }
        Drafts.Proposed proposed = drafts.propose(proposal);
        return proposed.created()
                ? ResponseEntity.created(URI.create("/api/drafts/" + proposed.draft().id())).body(proposed.draft())
                : ResponseEntity.ok(proposed.draft());
    }

    private void authenticate(byte[] body, HttpServletRequest request, Authentication who) {
        if (request.getHeader(HttpHeaders.AUTHORIZATION) != null) {
            // the token filter has already refused a token that is not valid
            boolean agentBot = who != null && who.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_AGENT_BOT"));
            if (!agentBot) {
                throw new NotAllowed("agent-bot-only", "Drafts come from the AI agent: use an API token of the AGENT_BOT role,"
                        + " or sign the request with the agent's secret.");
            }
            return;
        }
        if (properties.agentSecret().isEmpty()) {
            throw new Unauthenticated("unauthenticated", "Drafts need the AI agent's AGENT_BOT token (Authorization: Bearer sb_…);"
                    + " signatures are off because switchboard.drafts.agent-secret is not set.");
        }
        var verdict = StandardWebhooks.verify(properties.keys(), request.getHeader("webhook-id"), request.getHeader("webhook-timestamp"),
                request.getHeader("webhook-signature"), body, clock.instant(), properties.signatureTolerance());
        switch (verdict) {
            case VALID -> {
            }
            case MISSING -> throw new Unauthenticated("unauthenticated", "Drafts need the AI agent's AGENT_BOT token or a Standard"
                    + " Webhooks signature: webhook-id, webhook-timestamp and webhook-signature.");
            case STALE -> throw new Unauthenticated("signature-expired", "The webhook-timestamp is more than "
                    + properties.signatureTolerance().toSeconds() + " s from Switchboard's clock: sign the request when you send it.");
            case MISMATCH -> throw new Unauthenticated("signature-mismatch", "The webhook-signature does not match the body with the"
                    + " agent's secret (HMAC-SHA256 over id.timestamp.body).");
        }
    }
}
