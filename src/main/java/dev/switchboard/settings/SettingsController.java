package dev.switchboard.settings;

import java.security.Principal;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/settings}: ADMIN only. A change is all fields at once (a team name left out is the default,
 * "Support team"); a refusal names every wrong field.
 */
@RestController
@RequestMapping("/api/settings")
class SettingsController {

    private final SystemSettings settings;

    SettingsController(SystemSettings settings) {
        this.settings = settings;
    }

    @GetMapping
    Settings current() {
        return settings.current();
    }

    @PutMapping
    Settings update(@Valid @RequestBody SettingsForm form, Principal principal) {
        return settings.update(new Settings(form.supportEmail(), form.whatsappNumber(), form.portalBaseUrl(),
                form.whatsappBubble(), form.queryTypes(), form.teamName()), principal.getName());
    }

    @GetMapping("/changes")
    List<SystemSettings.SettingsChange> changes(@RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        return settings.changes(limit);
    }

    record SettingsForm(@Size(max = 254) String supportEmail, @Size(max = 40) String whatsappNumber,
                        @Size(max = 500) String portalBaseUrl, @NotNull Boolean whatsappBubble,
                        @NotNull @Size(max = SystemSettings.MAX_QUERY_TYPES) List<@Size(max = 200) String> queryTypes,
                        @Size(max = 200) String teamName) {
    }
}
