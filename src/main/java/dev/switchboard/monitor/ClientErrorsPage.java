package dev.switchboard.monitor;

import dev.switchboard.web.PageController;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** {@code /client-errors} (ADMIN): what went wrong in people's browsers, newest first. */
@PageController
class ClientErrorsPage {

    private final ClientLogs logs;

    ClientErrorsPage(ClientLogs logs) {
        this.logs = logs;
    }

    @GetMapping("/client-errors")
    String list(Model model) {
        model.addAttribute("reports", logs.latest(200));
        return "dashboard/client-errors";
    }
}
