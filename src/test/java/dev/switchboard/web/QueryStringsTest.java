package dev.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class QueryStringsTest {

    @Test
    void values_are_encoded_so_plus_ampersand_and_spaces_come_back_as_typed_and_nulls_are_left_out() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("q", "c++ & co");
        parameters.put("assignee", null);
        parameters.put("page", 2);

        assertThat(QueryStrings.of(parameters)).isEqualTo("q=c%2B%2B+%26+co&page=2");
    }
}
