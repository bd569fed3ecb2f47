package dev.switchboard.thread;

import java.security.Principal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import dev.switchboard.settings.SystemSettings;
import dev.switchboard.web.FormChecks;
import dev.switchboard.web.Inputs;
import dev.switchboard.web.PageController;
import dev.switchboard.web.QueryStrings;
import dev.switchboard.web.Role;
import dev.switchboard.account.Users;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The Support Inbox: threads by tab with counts, search, filters and pages, and a drawer with one
 * thread where staff reply, add notes, move its status, assign it, set its priority and manage the
 * customer's links. Every change goes through {@link Threads}, as the API's do, and answers the drawer
 * as it now stands; the list refreshes itself after a change.
 */
@PageController
class InboxPages {

    static final int PAGE_SIZE = 25;
    /** Tells the list on the page to reload after a change made in the drawer. */
    private static final String CHANGED = "threads-changed";

    private final Threads threads;
    private final ThreadQueries queries;
    private final CustomerLinks links;
    private final SystemSettings settings;
    private final Users users;
    private final FormChecks checks;

    InboxPages(Threads threads, ThreadQueries queries, CustomerLinks links, SystemSettings settings, Users users,
               FormChecks checks) {
        this.threads = threads;
        this.queries = queries;
        this.links = links;
        this.settings = settings;
        this.users = users;
        this.checks = checks;
    }

    @GetMapping("/inbox")
    String inbox(@ModelAttribute("filter") InboxFilter filter, Model model) {
        list(filter, model);
        searchChoices(staff(), model);
        return "inbox/inbox";
    }

    /** The list alone, as it refreshes itself: no search form, so none of its choices are read. */
    @GetMapping("/inbox/list")
    String listOnly(@ModelAttribute("filter") InboxFilter filter, Model model) {
        list(filter, model);
        return "inbox/inbox :: list";
    }

    /** The drawer alone for htmx; the whole inbox with the drawer open for a link or a reload. */
    @GetMapping("/inbox/threads/{code}")
    String thread(@PathVariable String code, @ModelAttribute("filter") InboxFilter filter,
                  @RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
        List<String> staff = staff();
        drawer(threads.detail(code), staff, model);
        if ("true".equals(htmx)) {
            return "inbox/drawer :: drawer";
        }
        list(filter, model);
        searchChoices(staff, model);
        return "inbox/inbox";
    }

    @PostMapping("/inbox/threads/{id}/messages")
    String post(@PathVariable UUID id, @RequestParam(required = false) Visibility visibility,
                @RequestParam(defaultValue = "") String body, Principal principal, HttpServletResponse response, Model model) {
        var message = new StaffThreadController.NewMessage(visibility, body.strip());
        Map<String, String> problems = checks.problems(message);
        if (!problems.isEmpty()) {
            model.addAttribute("composerErrors", problems);
            model.addAttribute("composerBody", body);
            model.addAttribute("composerVisibility", visibility);
            return drawer(id, model);
        }
        threads.post(id, message.visibility(), message.body(), principal.getName());
        model.addAttribute("composerVisibility", visibility);
        return changed(id, response, model);
    }

    @PostMapping("/inbox/threads/{id}/status")
    String status(@PathVariable UUID id, @RequestParam ThreadStatus status, Principal principal, HttpServletResponse response,
                  Model model) {
        threads.changeStatus(id, status, principal.getName());
        return changed(id, response, model);
    }

    @PostMapping("/inbox/threads/{id}/assignee")
    String assign(@PathVariable UUID id, @RequestParam(defaultValue = "") String assignee, Principal principal,
                  HttpServletResponse response, Model model) {
        threads.assign(id, Inputs.blankToNull(assignee), principal.getName());
        return changed(id, response, model);
    }

    @PostMapping("/inbox/threads/{id}/priority")
    String priority(@PathVariable UUID id, @RequestParam Priority priority, Principal principal, HttpServletResponse response,
                    Model model) {
        threads.setPriority(id, priority, principal.getName());
        return changed(id, response, model);
    }

    @PostMapping("/inbox/threads/{id}/links")
    String createLink(@PathVariable UUID id, @RequestParam LinkPermission permission,
                      @RequestParam(defaultValue = "7") int validDays, Principal principal, Model model) {
        var form = new StaffThreadController.NewLink(permission, validDays);
        Map<String, String> problems = checks.problems(form);
        threads.require(id);
        if (problems.isEmpty()) {
            CustomerLinks.IssuedLink issued = links.create(id, permission, Duration.ofDays(validDays), principal.getName());
            model.addAttribute("newLink", issued);
            // without a portal address in the settings, the portal is this server
            model.addAttribute("newLinkUrl", issued.url() != null ? issued.url()
                    : ServletUriComponentsBuilder.fromCurrentContextPath().path(CustomerLinks.PORTAL_PATH + issued.token()).toUriString());
        } else {
            model.addAttribute("linkErrors", problems);
        }
        return drawer(id, model);
    }

    @PostMapping("/inbox/threads/{id}/links/{linkId}/revoke")
    String revokeLink(@PathVariable UUID id, @PathVariable UUID linkId, Principal principal, Model model) {
        links.revoke(id, linkId, principal.getName());
        return drawer(id, model);
    }

    private String changed(UUID id, HttpServletResponse response, Model model) {
        response.setHeader("HX-Trigger", CHANGED);
        return drawer(id, model);
    }

    /** The drawer as the thread now stands. */
    private String drawer(UUID id, Model model) {
        drawer(threads.detail(id.toString()), staff(), model);
        return "inbox/drawer :: drawer";
    }

    private void drawer(Threads.ThreadDetail detail, List<String> staff, Model model) {
        model.addAttribute("detail", detail);
        model.addAttribute("staff", staff);
        model.addAttribute("priorities", Priority.values());
    }

    /** Who can be assigned a thread: active agents and admins. */
    private List<String> staff() {
        return users.list().stream().filter(u -> !u.disabled() && u.role() != Role.VIEWER).map(Users.UserView::username).toList();
    }

    private void list(InboxFilter filter, Model model) {
        model.addAttribute("page", queries.list(filter.toQuery(), filter.pageNumber(), PAGE_SIZE));
        model.addAttribute("tabs", List.of("ALL", "OPEN", "PENDING", "RESOLVED", "CLOSED"));
    }

    /** What the search form offers. */
    private void searchChoices(List<String> staff, Model model) {
        model.addAttribute("staff", staff);
        model.addAttribute("priorities", Priority.values());
        model.addAttribute("queryTypes", settings.current().queryTypes());
        model.addAttribute("sorts", ThreadQueries.ThreadSort.values());
    }

    /** The inbox's filters as typed; anything it does not recognise is the default, never an error page. */
    record InboxFilter(String tab, String q, String priority, String assignee, String type, String sort, Integer page) {

        ThreadQueries.ThreadFilter toQuery() {
            String assigned = Inputs.blankToNull(assignee);
            boolean unassigned = "none".equals(assigned);
            return new ThreadQueries.ThreadFilter(status(), search(), priorityOrNull(), unassigned ? null : assigned, unassigned,
                    Inputs.blankToNull(type), sortOrDefault());
        }

        public String currentTab() {
            return status() == null ? "ALL" : status().name();
        }

        int pageNumber() {
            return page == null || page < 0 ? 0 : Math.min(page, 100_000);
        }

        /** The address of this list on another tab (first page) or another page of this tab. */
        public String link(String toTab, Integer toPage) {
            Map<String, Object> parameters = new LinkedHashMap<>();
            parameters.put("tab", toTab);
            parameters.put("q", search());
            parameters.put("priority", priorityOrNull());
            parameters.put("assignee", Inputs.blankToNull(assignee));
            parameters.put("type", Inputs.blankToNull(type));
            parameters.put("sort", sortOrDefault() == ThreadQueries.ThreadSort.SLA ? null : sortOrDefault());
            parameters.put("page", toPage != null && toPage > 0 ? toPage : null);
            return "/inbox?" + QueryStrings.of(parameters);
        }

        /** The filters and page as query parameters, for the list's own reload. */
        public String listQuery() {
            return link(currentTab(), pageNumber()).substring("/inbox".length());
        }

        /** At most 200 characters are searched for, as in the API. */
        private String search() {
            String search = Inputs.blankToNull(q);
            return search != null && search.length() > 200 ? search.substring(0, 200) : search;
        }

        private ThreadStatus status() {
            return parse(ThreadStatus.class, tab);
        }

        private Priority priorityOrNull() {
            return parse(Priority.class, priority);
        }

        private ThreadQueries.ThreadSort sortOrDefault() {
            ThreadQueries.ThreadSort chosen = parse(ThreadQueries.ThreadSort.class, sort);
            return chosen == null ? ThreadQueries.ThreadSort.SLA : chosen;
        }

        private static <E extends Enum<E>> E parse(Class<E> type, String value) {
            if (Inputs.blankToNull(value) == null) {
                return null;
            }
            try {
                return Enum.valueOf(type, value.strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }
}
