package io.gatehouse.testing;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How a {@link TestOrigin} answers requests to one path. Built fluently, e.g.
 * {@code Behaviour.status(200).header("content-type", "text/plain").body("hi").delay(Duration.ofMillis(50))}.
 * Finish configuring before passing it to {@link TestOrigin#on}; it is read from the origin's event loop.
 *
 * <p>Unless a {@code content-length} or {@code transfer-encoding} header is set explicitly (to script bad
 * framing), the response is chunked when trailers or chunks are scripted or {@link #chunked()} is called, and
 * carries a Content-Length otherwise.
 */
public final class Behaviour {
    enum BodyKind { ECHO, FIXED, GENERATED, CHUNKS }

    /** An informational (1xx) response sent before the final one. */
    record Informational(HttpResponseStatus status, HttpHeaders headers) { }

    private HttpResponseStatus status = HttpResponseStatus.OK;
    private final HttpHeaders headers = new DefaultHttpHeaders();
    private final HttpHeaders trailers = new DefaultHttpHeaders();
    private final List<Informational> informational = new ArrayList<>();
    private BodyKind bodyKind = BodyKind.ECHO;
    private byte[] fixedBody = new byte[0];
    private long generatedBytes;
    private List<String> chunks = List.of();
    private Duration chunkGap = Duration.ZERO;
    private CompletionStage<?> chunkGate = CompletableFuture.completedStage(null);
    private Duration delay = Duration.ZERO;
    private boolean chunked;
    private boolean resetBeforeResponse;
    private long resetAfterBodyBytes = -1;
    private boolean closeAfterResponse;
    private boolean respondBeforeRequestBody;
    private Duration readPause = Duration.ZERO;
    private CompletionStage<?> responseGate = CompletableFuture.completedStage(null);
    private List<Behaviour> steps = List.of();
    private final AtomicInteger stepsTaken = new AtomicInteger();

    private Behaviour() {
    }

    /** The default: 200 with a JSON description of the request (see {@link TestOrigin}). */
    public static Behaviour echo() {
        return new Behaviour();
    }

    /** The given status with an empty body until one is scripted. */
    public static Behaviour status(int code) {
        Behaviour behaviour = new Behaviour();
        behaviour.status = HttpResponseStatus.valueOf(code);
        behaviour.bodyKind = BodyKind.FIXED;
        return behaviour;
    }

    /**
     * Answers the first request as {@code steps[0]}, the second as {@code steps[1]} and so on, the last step
     * answering every request after. Handing the same sequence to several origins counts their requests together,
     * so "fail once, then succeed" holds whichever origin the first request reaches.
     */
    public static Behaviour sequence(Behaviour... steps) {
        if (steps.length == 0) {
            throw new IllegalArgumentException("expected at least one step in a sequence, got none");
        }
        Behaviour behaviour = new Behaviour();
        behaviour.steps = List.of(steps);
        return behaviour;
    }

    /** Never sends a response head: an upstream that hangs. */
    public static Behaviour neverAnswers() {
        return echo().holdResponseUntil(new CompletableFuture<>());
    }

    public Behaviour header(String name, Object value) {
        headers.add(name, value);
        return this;
    }

    public Behaviour body(String utf8) {
        return body(utf8.getBytes(StandardCharsets.UTF_8));
    }

    public Behaviour body(byte[] bytes) {
        bodyKind = BodyKind.FIXED;
        fixedBody = bytes.clone();
        return this;
    }

    /** A body of {@code length} bytes from {@link GeneratedBody}, produced as the connection can take them. */
    public Behaviour generatedBody(long length) {
        bodyKind = BodyKind.GENERATED;
        generatedBytes = length;
        return this;
    }

    /** Server-sent-events style: each chunk is written and flushed {@code gap} after the previous one. */
    public Behaviour chunks(List<String> chunks, Duration gap) {
        bodyKind = BodyKind.CHUNKS;
        this.chunks = List.copyOf(chunks);
        chunkGap = gap;
        return this;
    }

    /**
     * With {@link #chunks}: after the first chunk, the rest wait until {@code gate} completes, so a test can prove
     * the first one got through before the origin sends more.
     */
    public Behaviour holdChunksAfterFirstUntil(CompletionStage<?> gate) {
        chunkGate = gate;
        return this;
    }

    public Behaviour chunked() {
        chunked = true;
        return this;
    }

    /** Adds a trailing header, which makes the response chunked. */
    public Behaviour trailer(String name, String value) {
        trailers.add(name, value);
        return this;
    }

    /** Sends a 1xx response (e.g. 103 Early Hints) first; headers are given as name, value, name, value... */
    public Behaviour informational(int code, String... headerNamesAndValues) {
        HttpHeaders informationalHeaders = new DefaultHttpHeaders();
        for (int i = 0; i + 1 < headerNamesAndValues.length; i += 2) {
            informationalHeaders.add(headerNamesAndValues[i], headerNamesAndValues[i + 1]);
        }
        informational.add(new Informational(HttpResponseStatus.valueOf(code), informationalHeaders));
        return this;
    }

    /**
     * Holds the final response (after the informational ones and before {@link #delay}) until {@code gate}
     * completes, so a test can keep requests in flight for as long as it needs them there.
     */
    public Behaviour holdResponseUntil(CompletionStage<?> gate) {
        responseGate = gate;
        return this;
    }

    /** Waits this long after the informational responses, before the final response head. */
    public Behaviour delay(Duration delay) {
        this.delay = delay;
        return this;
    }

    /** Resets the connection (RST) where the final response would start. */
    public Behaviour reset() {
        resetBeforeResponse = true;
        return this;
    }

    /** Sends the head, then resets the connection. */
    public Behaviour resetAfterHead() {
        return resetAfterBodyBytes(0);
    }

    /** Sends the head and the first {@code bytes} of the body (whole chunks for {@link #chunks}), then resets. */
    public Behaviour resetAfterBodyBytes(long bytes) {
        resetAfterBodyBytes = bytes;
        return this;
    }

    /** Answers with {@code Connection: close} and closes once the response is written. */
    public Behaviour closeAfterResponse() {
        closeAfterResponse = true;
        return this;
    }

    /** Responds as soon as the request head arrives, while the body is still being read and counted. */
    public Behaviour respondBeforeRequestBody() {
        respondBeforeRequestBody = true;
        return this;
    }

    /**
     * Stops reading the connection for {@code pause} once the request head has arrived, as a slow upstream would:
     * a proxy in front must then hold back the client instead of buffering the body.
     */
    public Behaviour pauseReadingAfterHead(Duration pause) {
        readPause = pause;
        return this;
    }

    /** The behaviour for the next request: the next step of a {@link #sequence}, otherwise this one. */
    Behaviour forNextRequest() {
        if (steps.isEmpty()) {
            return this;
        }
        return steps.get(Math.min(stepsTaken.getAndIncrement(), steps.size() - 1)).forNextRequest();
    }

    CompletionStage<?> responseGate() {
        return responseGate;
    }

    HttpResponseStatus status() {
        return status;
    }

    HttpHeaders headers() {
        return headers;
    }

    HttpHeaders trailers() {
        return trailers;
    }

    List<Informational> informationalResponses() {
        return informational;
    }

    BodyKind bodyKind() {
        return bodyKind;
    }

    byte[] fixedBody() {
        return fixedBody;
    }

    long generatedBytes() {
        return generatedBytes;
    }

    List<String> chunkList() {
        return chunks;
    }

    CompletionStage<?> chunkGate() {
        return chunkGate;
    }

    Duration chunkGap() {
        return chunkGap;
    }

    Duration delayBeforeHead() {
        return delay;
    }

    boolean isChunked() {
        return chunked || !trailers.isEmpty() || bodyKind == BodyKind.CHUNKS;
    }

    boolean resetsBeforeResponse() {
        return resetBeforeResponse;
    }

    /** The number of body bytes after which the connection is reset, or Long.MAX_VALUE for no reset. */
    long bodyBytesBeforeReset() {
        return resetAfterBodyBytes < 0 ? Long.MAX_VALUE : resetAfterBodyBytes;
    }

    boolean resetsDuringBody() {
        return resetAfterBodyBytes >= 0;
    }

    boolean closesAfterResponse() {
        return closeAfterResponse;
    }

    boolean respondsBeforeRequestBody() {
        return respondBeforeRequestBody;
    }

    Duration readPauseAfterHead() {
        return readPause;
    }
}
