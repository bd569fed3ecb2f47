package dev.switchboard.thread;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.IntegrationTest;
import org.junit.jupiter.api.Test;

/** Settings are checked field by field, a refusal changes nothing, and every change says who made it. */
@IntegrationTest
class SettingsApiTest extends ThreadTestSupport {

    @Test
    void every_wrong_field_is_named_and_nothing_changes() {
        long changes = count("settings_changes");

        var response = http.putJson("/api/settings", admin, """
                {"supportEmail":"not an email","whatsappNumber":"+44 7700 900123","portalBaseUrl":"javascript:alert(1)",
                 "whatsappBubble":true,"queryTypes":["Billing","billing",""]}""");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("supportEmail", "whatsappNumber", "portalBaseUrl", "queryTypes");
        assertThat(settings.current().whatsappNumber()).isEqualTo("447700900123");
        assertThat(count("settings_changes")).isEqualTo(changes);
    }

    @Test
    void a_switch_takes_true_or_false_not_a_number_or_text() {
        String valid = """
                {"supportEmail":"help@example.com","whatsappNumber":"447700900123","portalBaseUrl":"","whatsappBubble":true,
                 "queryTypes":["Billing"]}""";

        for (String bad : new String[] {"1", "\"true\"", "0.0"}) {
            var response = http.putJson("/api/settings", admin, valid.replace("\"whatsappBubble\":true", "\"whatsappBubble\":" + bad));
            assertThat(response.status()).as(bad).isEqualTo(400);
        }
        assertThat(settings.current().supportEmail()).isEqualTo("support@example.com");
        assertThat(http.putJson("/api/settings", admin, valid).status()).isEqualTo(200);
        assertThat(settings.current().supportEmail()).isEqualTo("help@example.com");
    }

    @Test
    void whatsapp_numbers_are_digits_only_between_8_and_15() {
        for (String bad : new String[] {"1234567", "1234567890123456", "44 7700 900123", "+447700900123", "44-7700"}) {
            assertThat(http.putJson("/api/settings", admin, settingsWith(bad)).status()).as(bad).isEqualTo(400);
        }
        for (String good : new String[] {"12345678", "447700900123", "123456789012345"}) {
            assertThat(http.putJson("/api/settings", admin, settingsWith(good)).status()).as(good).isEqualTo(200);
        }
    }

    @Test
    void a_change_is_recorded_with_who_made_it_and_the_portal_sees_it() {
        var response = http.putJson("/api/settings", admin, """
                {"supportEmail":"help@example.com","whatsappNumber":"","portalBaseUrl":"https://help.example.com/",
                 "whatsappBubble":false,"queryTypes":["Billing","Returns"]}""");

        assertThat(response.status()).isEqualTo(200);
        var audit = http.get("/api/settings/changes", admin).json();
        assertThat(audit.findValuesAsString("field")).contains("supportEmail", "whatsappNumber", "whatsappBubble", "queryTypes");
        assertThat(audit.get(0).path("changedBy").asString()).isEqualTo("token:admin");
        var portal = http.get("/api/support/public/config", null).json();
        assertThat(portal.path("queryTypes").toString()).isEqualTo("[\"Billing\",\"Returns\"]");
        assertThat(portal.path("whatsappBubble").asBoolean()).isFalse();
        assertThat(portal.path("whatsappLink").isNull()).isTrue();
        assertThat(portal.path("supportEmail").asString()).isEqualTo("help@example.com");
    }

    private static String settingsWith(String number) {
        return """
                {"supportEmail":"support@example.com","whatsappNumber":"%s","portalBaseUrl":"https://support.example.com",
                 "whatsappBubble":true,"queryTypes":["Billing"]}""".formatted(number);
    }
}
