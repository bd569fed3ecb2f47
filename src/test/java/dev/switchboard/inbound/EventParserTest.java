package dev.switchboard.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventParserTest {

    private final EventParser parser = new EventParser();

    @Test
    void message_created_is_keyed_by_account_and_message_id_wherever_event_stands() {
        var parsed = parse("{\"event\":\"message_created\",\"id\":90311,\"account\":{\"id\":3,\"name\":\"A\"},"
                + "\"conversation\":{\"id\":1342,\"messages\":[{\"id\":1}]},\"content\":\"hi\"}");

        assertThat(parsed).isEqualTo(new ParsedEvent("message_created", 3L, 1342L, 90311L, "message_created:3:90311"));
    }

    @Test
    void conversation_event_keeps_updated_at_exactly_as_sent() {
        var parsed = parse("{\"id\":1342,\"updated_at\":1781951413.123456,\"account\":{\"id\":3},\"event\":\"conversation_updated\"}");

        assertThat(parsed.dedupeKey()).isEqualTo("conversation_updated:3:1342:1781951413.123456");
        assertThat(parsed.conversationId()).isEqualTo(1342L);
    }

    @Test
    void message_updated_key_changes_with_content_and_not_with_conversation_state() {
        String edit = "{\"event\":\"message_updated\",\"id\":5,\"account\":{\"id\":3},\"content\":\"a\","
                + "\"content_attributes\":{\"deleted\":false},\"conversation\":{\"id\":9,\"unread_count\":%d}}";

        var first = parse(edit.formatted(1));
        var sameContentLater = parse(edit.formatted(7));
        var deleted = parse(edit.formatted(1).replace("\"deleted\":false", "\"deleted\":true"));

        assertThat(sameContentLater.dedupeKey()).isEqualTo(first.dedupeKey());
        assertThat(deleted.dedupeKey()).isNotEqualTo(first.dedupeKey());
    }

    @Test
    void unknown_event_is_keyed_by_its_body() {
        var one = parse("{\"event\":\"automation_event.message_created\",\"id\":1}");
        var other = parse("{\"event\":\"automation_event.message_created\",\"id\":2}");

        assertThat(one.eventType()).isEqualTo("automation_event.message_created");
        assertThat(one.dedupeKey()).startsWith("automation_event.message_created:sha256:").isNotEqualTo(other.dedupeKey());
    }

    @Test
    void object_without_an_event_name_is_kept_as_unknown() {
        assertThat(parse("{\"id\":1}").eventType()).isEqualTo("unknown");
    }

    @Test
    void ids_of_the_wrong_type_are_ignored_not_fatal() {
        var parsed = parse("{\"event\":\"message_created\",\"id\":\"90311\",\"account\":{\"id\":3.5}}");

        assertThat(parsed.messageId()).isNull();
        assertThat(parsed.accountId()).isNull();
        assertThat(parsed.dedupeKey()).startsWith("message_created:sha256:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "nope", "{\"a\":", "{\"a\":1} {\"b\":2}", "{\"a\":1}]", "[1,2"})
    void not_json_is_refused_as_not_json(String body) {
        assertThatThrownBy(() -> parse(body)).isInstanceOfSatisfying(EventParser.InvalidBody.class,
                e -> assertThat(e.reason()).isEqualTo(RejectionReason.NOT_JSON));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "[{\"event\":\"message_created\"}]", "\"text\"", "42", "null"})
    void json_that_is_not_an_object_is_refused_as_such(String body) {
        assertThatThrownBy(() -> parse(body)).isInstanceOfSatisfying(EventParser.InvalidBody.class,
                e -> assertThat(e.reason()).isEqualTo(RejectionReason.NOT_A_JSON_OBJECT));
    }

    private ParsedEvent parse(String body) {
        return parser.parse(body.getBytes(StandardCharsets.UTF_8));
    }
}
