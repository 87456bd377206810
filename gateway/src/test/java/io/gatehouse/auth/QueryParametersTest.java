package io.gatehouse.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class QueryParametersTest {

    @Test
    void removesEveryOccurrenceKeepingTheRestAsSent() {
        assertThat(QueryParameters.without("/a?key=1&b=%2F&key=2&c", "key")).isEqualTo("/a?b=%2F&c");
        assertThat(QueryParameters.without("/a?k%65y=1&b=2", "key")).isEqualTo("/a?b=2");
        assertThat(QueryParameters.without("/a?key=1", "key")).isEqualTo("/a");
        assertThat(QueryParameters.without("/a?key", "key")).isEqualTo("/a");
        assertThat(QueryParameters.without("/a?keys=1&x=&&y", "key")).isEqualTo("/a?keys=1&x=&&y");
        assertThat(QueryParameters.without("/a", "key")).isEqualTo("/a");
    }

    @Test
    void readsDecodedValues() {
        assertThat(QueryParameters.values("/a?key=a%2Bb&key=c", "key")).containsExactly("a+b", "c");
        assertThat(QueryParameters.values("/a?other=1", "key")).isEmpty();
        assertThat(QueryParameters.values("/a", "key")).isEqualTo(List.of());
    }
}
