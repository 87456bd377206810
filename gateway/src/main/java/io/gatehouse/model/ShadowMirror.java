package io.gatehouse.model;

import io.gatehouse.config.ShadowConfig;
import io.gatehouse.observe.ModelMeters;
import io.gatehouse.observe.ShadowResult;
import io.gatehouse.proxy.ExchangeTap;
import io.netty.buffer.ByteBuf;

/**
 * One request chosen for mirroring: taps its exchange for owned, capped copies of the request body and of the
 * primary's response body, and holds one of the shadow version's in-flight places until {@link #end}.
 */
final class ShadowMirror implements ExchangeTap {

    private final ShadowStats stats;
    private final ModelMeters meters;
    private final CappedCopy request;
    private final CappedCopy response;
    /** The model's shadow settings when the mirror started: its timeout and tolerance apply to it. */
    final ShadowConfig settings;
    /** The client's method. */
    final String method;
    /** The shadow version's backend path with the client's query. */
    final String target;
    /** The request's content type; null for none. */
    final String contentType;
    private boolean ended;

    ShadowMirror(ShadowStats stats, ModelMeters meters, ShadowConfig settings, String method, String target,
                 String contentType) {
        this.stats = stats;
        this.meters = meters;
        this.settings = settings;
        this.request = new CappedCopy(settings.maxBody());
        this.response = new CappedCopy(settings.maxBody());
        this.method = method;
        this.target = target;
        this.contentType = contentType;
    }

    @Override
    public void request(ByteBuf piece, boolean last) {
        request.add(piece, last);
    }

    @Override
    public void response(ByteBuf piece, boolean last) {
        response.add(piece, last);
    }

    boolean tooLarge() {
        return request.overflowed() || response.overflowed();
    }

    /** Whether both bodies went past whole: the exchange completed normally. */
    boolean complete() {
        return request.complete() && response.complete();
    }

    byte[] requestBody() {
        return request.bytes();
    }

    byte[] primaryOutput() {
        return response.bytes();
    }

    /** Counts the outcome, on the metrics and in the admin API's counts, and gives the in-flight place back. */
    void end(ShadowResult result) {
        if (result != null) {
            stats.count(result);
            meters.shadow(result);
        }
        end();
    }

    /** Gives the in-flight place back, once. */
    void end() {
        if (!ended) {
            ended = true;
            stats.leave();
        }
    }
}
