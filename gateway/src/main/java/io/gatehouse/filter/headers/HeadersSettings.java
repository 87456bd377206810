package io.gatehouse.filter.headers;

/** Settings of the {@code headers} filter: edits to the forwarded request and to the response. */
public record HeadersSettings(HeaderEdits request, HeaderEdits response) {
}
