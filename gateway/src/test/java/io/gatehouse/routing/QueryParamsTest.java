package io.gatehouse.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueryParamsTest {

    @Test
    void findsTheFirstValueDecoded() {
        QueryParams query = QueryParams.of("a=1&b=x%2By&a=2&c+d=e+f");

        assertThat(query.first("a")).isEqualTo("1");
        assertThat(query.first("b")).isEqualTo("x+y");
        assertThat(query.first("c d")).isEqualTo("e f");
        assertThat(query.first("z")).isNull();
    }

    @Test
    void bareNameAndEmptyValueAreEmpty() {
        QueryParams query = QueryParams.of("flag&empty=&&x=1");

        assertThat(query.first("flag")).isEmpty();
        assertThat(query.first("empty")).isEmpty();
        assertThat(query.first("x")).isEqualTo("1");
    }

    @Test
    void malformedEscapeIsKeptAsReceived() {
        assertThat(QueryParams.of("q=100%").first("q")).isEqualTo("100%");
    }

    @Test
    void noQuery() {
        assertThat(QueryParams.of(null)).isSameAs(QueryParams.NONE);
        assertThat(QueryParams.of("")).isSameAs(QueryParams.NONE);
        assertThat(QueryParams.NONE.first("a")).isNull();
    }
}
