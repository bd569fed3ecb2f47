package dev.switchboard.delivery;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import dev.switchboard.refusal.Invalid;
import dev.switchboard.web.Inputs;
import dev.switchboard.web.PageController;
import dev.switchboard.web.QueryStrings;
import dev.switchboard.web.ViewerZone;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The deliveries pages: the list with its filters, one delivery with its event and attempts, and
 * replay (one row, or every dead delivery matching the filters after a count, with progress and
 * cancel). Reading needs VIEWER; replaying AGENT, as in the API.
 */
@PageController
class DeliveryPages {

    static final int PAGE_SIZE = 50;
    /** What Chatwoot sends, offered as suggestions; any other name may be typed. */
    static final List<String> KNOWN_EVENTS = List.of("message_created", "message_updated", "conversation_created",
            "conversation_updated", "conversation_status_changed", "conversation_typing_on", "conversation_typing_off",
            "contact_created", "contact_updated", "webwidget_triggered");
    static final List<String> OUTCOME_CLASSES = List.of("2xx", "3xx", "4xx", "5xx", "timeout", "connect", "tls", "io");

    private final DeliveryQueries queries;
    private final Replays replays;
    private final ReplayStarter starter;

    DeliveryPages(DeliveryQueries queries, Replays replays, ReplayStarter starter) {
        this.queries = queries;
        this.replays = replays;
        this.starter = starter;
    }

    @GetMapping("/deliveries")
    String list(@ModelAttribute("form") FilterForm form, @RequestParam(required = false) UUID before,
                HttpServletRequest request, Model model) {
        Parsed parsed = form.parse(ViewerZone.of(request));
        model.addAttribute("errors", parsed.errors());
        List<DeliveryQueries.DeliveryView> items = parsed.errors().isEmpty()
                ? queries.list(parsed.filter(), before, PAGE_SIZE) : List.of();
        model.addAttribute("items", items);
        model.addAttribute("next", items.size() == PAGE_SIZE ? items.getLast().id() : null);
        model.addAttribute("destinations", queries.destinationNames());
        model.addAttribute("events", KNOWN_EVENTS);
        model.addAttribute("outcomeClasses", OUTCOME_CLASSES);
        model.addAttribute("statuses", DeliveryStatus.values());
        return "deliveries/list";
    }

    @GetMapping("/deliveries/{id}")
    String one(@PathVariable UUID id, Model model) {
        DeliveryQueries.DeliveryDetail detail = queries.find(id).orElseThrow(() -> ReplayStarter.notFound(id));
        model.addAttribute("detail", detail);
        model.addAttribute("d", detail.delivery());
        return "deliveries/detail";
    }

    /**
     * Replays one dead delivery and answers its row (or, from the detail page, its status panel) as it
     * now stands: the delivery alone, not its event's body or its attempts.
     */
    @PostMapping("/deliveries/{id}/replay")
    String replayOne(@PathVariable UUID id, @RequestParam(defaultValue = "row") String view, Model model) {
        starter.one(id);
        model.addAttribute("d", queries.view(id).orElseThrow(() -> ReplayStarter.notFound(id)));
        return "detail".equals(view) ? "deliveries/detail :: status" : "deliveries/list :: row";
    }

    /** The dry run: how many dead deliveries the filters match, and a button to replay exactly those. */
    @PostMapping("/deliveries/replays/count")
    String count(@ModelAttribute("form") FilterForm form, HttpServletRequest request, Model model) {
        DeliveryFilter filter = form.parse(ViewerZone.of(request)).orRefuse().dead();
        model.addAttribute("count", queries.count(filter));
        return "deliveries/replay :: confirm";
    }

    @PostMapping("/deliveries/replays")
    String replayMatching(@ModelAttribute("form") FilterForm form, HttpServletRequest request, Model model) {
        DeliveryFilter filter = form.parse(ViewerZone.of(request)).orRefuse().dead();
        Replays.Started started = starter.matching(filter, null);
        model.addAttribute("progress", replays.progress(started.replayId()));
        return "deliveries/replay :: progress";
    }

    @GetMapping("/deliveries/replays/{replayId}")
    String progress(@PathVariable UUID replayId, Model model) {
        model.addAttribute("progress", replays.progress(replayId));
        return "deliveries/replay :: progress";
    }

    @PostMapping("/deliveries/replays/{replayId}/cancel")
    String cancel(@PathVariable UUID replayId, Model model) {
        model.addAttribute("cancelled", replays.cancel(replayId));
        model.addAttribute("progress", replays.progress(replayId));
        return "deliveries/replay :: progress";
    }

    /**
     * The filters as typed: times are the viewer's local date and time ({@code datetime-local}), read
     * in their zone. Blank parts are not applied.
     */
    record FilterForm(String status, String destination, String eventType, String lastError, String from, String to) {

        Parsed parse(ZoneId zone) {
            Map<String, String> errors = new LinkedHashMap<>();
            DeliveryStatus parsedStatus = null;
            if (Inputs.blankToNull(status) != null) {
                try {
                    parsedStatus = DeliveryStatus.valueOf(status.strip());
                } catch (IllegalArgumentException e) {
                    errors.put("status", "Choose pending, delivered or dead.");
                }
            }
            Instant fromInstant = time(from, zone, "from", errors);
            Instant toInstant = time(to, zone, "to", errors);
            if (fromInstant != null && toInstant != null && !fromInstant.isBefore(toInstant)) {
                errors.put("to", "must be after the start of the range");
            }
            parameters().forEach((name, value) -> {
                if (value.length() > 200) {
                    errors.put(name, "is too long");
                }
            });
            return new Parsed(new DeliveryFilter(parsedStatus, Inputs.blankToNull(destination), Inputs.blankToNull(eventType),
                    Inputs.blankToNull(lastError), fromInstant, toInstant), errors);
        }

        private static Instant time(String value, ZoneId zone, String field, Map<String, String> errors) {
            if (Inputs.blankToNull(value) == null) {
                return null;
            }
            try {
                return LocalDateTime.parse(value.strip()).atZone(zone).toInstant();
            } catch (DateTimeException e) {
                errors.put(field, "must be a date and time, such as 2026-07-20T09:30");
                return null;
            }
        }

        /** The filters as a query string, for the pager and links back to the list. */
        public String query() {
            return QueryStrings.of(parameters());
        }

        /** The filters given, for hidden inputs of the replay forms. */
        public Map<String, String> parameters() {
            Map<String, String> parameters = new LinkedHashMap<>();
            String[][] all = {{"status", status}, {"destination", destination}, {"eventType", eventType}, {"lastError", lastError},
                    {"from", from}, {"to", to}};
            for (String[] p : all) {
                if (Inputs.blankToNull(p[1]) != null) {
                    parameters.put(p[0], p[1].strip());
                }
            }
            return parameters;
        }
    }

    record Parsed(DeliveryFilter filter, Map<String, String> errors) {
        DeliveryFilter orRefuse() {
            if (!errors.isEmpty()) {
                throw new Invalid("Fix the filters first: "
                        + String.join("; ", errors.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList()) + ".",
                        errors.entrySet().stream().map(e -> new Invalid.FieldProblem(e.getKey(), e.getValue())).toList());
            }
            return filter;
        }
    }
}
