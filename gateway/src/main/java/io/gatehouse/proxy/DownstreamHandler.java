package io.gatehouse.proxy;

import io.gatehouse.internal.Deadline;
import io.gatehouse.server.RequestHeadTimer;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;

/**
 * The client connection: serves one exchange at a time, in order. The decoder may hand over several pipelined
 * requests from one read; those wait here (bounded by {@code max-pipelined}, after which reading stops) until the
 * exchange before them has ended. Reading is manual (auto-read off) so that the request body flows only as fast as
 * the upstream takes it.
 */
public final class DownstreamHandler extends ChannelInboundHandlerAdapter implements DownstreamConnection {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DownstreamHandler.class);

    private final ProxyServices services;
    private final RequestHeadTimer headTimer;
    private final String listener;
    private final int maxPipelined;
    private final ArrayDeque<HttpObject> waiting = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private Deadline bodyDeadline;
    private Deadline upstreamDeadline;
    private ClientAddress client;
    private Admission admission;
    private int loopIndex;
    private Exchange current;
    private boolean currentEnded;
    private boolean keepAlive = true;
    private int waitingRequests;
    private long waitingBodyBytes;

    public DownstreamHandler(ProxyServices services, RequestHeadTimer headTimer, String listener, int maxPipelined) {
        this.services = services;
        this.headTimer = headTimer;
        this.listener = listener;
        this.maxPipelined = maxPipelined;
    }

    @Override
    public ChannelHandlerContext ctx() {
        return ctx;
    }

    @Override
    public int loopIndex() {
        return loopIndex;
    }

    @Override
    public ProxyServices services() {
        return services;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.admission = new Admission(this, listener);
        this.bodyDeadline = new Deadline(ctx.channel().eventLoop(), () -> {
            if (current != null) {
                current.bodyTimedOut();
            }
        });
        this.upstreamDeadline = new Deadline(ctx.channel().eventLoop(), () -> {
            if (current != null) {
                current.upstreamTimedOut();
            }
        });
    }

    @Override
    public ClientAddress client() {
        return client;
    }

    @Override
    public Deadline bodyDeadline() {
        return bodyDeadline;
    }

    @Override
    public Deadline upstreamDeadline() {
        return upstreamDeadline;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        loopIndex = services.loops().indexOf(ctx.channel().eventLoop());
        client = ClientAddress.of((InetSocketAddress) ctx.channel().remoteAddress());
        services.metrics().connectionOpened();
        if (services.draining()) {
            // Accepted just as the listener closed for a drain: as good as refused, and it cannot hold the drain.
            ctx.close();
            return;
        }
        headTimer.awaitRequest();
        ctx.read();
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof HttpObject httpObject)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (current != null && !current.requestReceived() && waiting.isEmpty()) {
            Exchange exchange = current;
            exchange.onRequestContent((HttpContent) msg);
            // An exchange that already replied (bodiless request refused at its head) was waiting for this end.
            if (current == exchange && currentEnded && exchange.requestReceived()) {
                next();
            }
            return;
        }
        if (msg instanceof HttpRequest) {
            waitingRequests++;
        } else if (msg instanceof HttpContent content) {
            waitingBodyBytes += content.content().readableBytes();
        }
        waiting.add(httpObject);
        if (current == null) {
            dispatchWaiting();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (current != null) {
            current.onDownstreamReadComplete();
        }
        updateReading();
    }

    @Override
    public void updateReading() {
        if (!ctx.channel().isActive()) {
            return;
        }
        boolean wanted;
        if (current == null) {
            wanted = keepAlive;
        } else if (!current.requestReceived()) {
            // Even when the connection will close after this exchange (a drain): its body must still arrive.
            wanted = current.wantsRequestBody();
        } else {
            // Read ahead only to see pipelined heads (bounded) and a client that goes away; never to buffer the
            // body of a request that is not being served yet.
            wanted = keepAlive && waitingRequests < maxPipelined && waitingBodyBytes == 0;
        }
        if (wanted) {
            ctx.read();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (current != null && ctx.channel().isWritable()) {
            current.onDownstreamWritable();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exchangeEnded(boolean keepAlive) {
        currentEnded = true;
        if (!keepAlive || !this.keepAlive) {
            this.keepAlive = false;
            ctx.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        // During admission current is not yet set; dispatchWaiting then sees currentEnded itself.
        if (current != null && current.requestReceived()) {
            next();
        }
    }

    /** The exchange has ended and its request has been read to the end: start the next one. */
    private void next() {
        current = null;
        currentEnded = false;
        dispatchWaiting();
        if (current == null) {
            headTimer.awaitRequest();
        } else {
            // Body parts taken from the queue were written upstream, but no read-complete will come to flush them.
            current.onDownstreamReadComplete();
        }
        updateReading();
    }

    private void dispatchWaiting() {
        HttpObject msg;
        while (keepAlive && (msg = waiting.poll()) != null) {
            if (current == null) {
                if (!(msg instanceof HttpRequest request)) {
                    // Body of a request that was refused and closed; cannot happen on a connection still open.
                    waitingBodyBytes -= ((HttpContent) msg).content().readableBytes();
                    ReferenceCountUtil.release(msg);
                    continue;
                }
                waitingRequests--;
                headTimer.requestReceived();
                current = admission.admit(request);
                if (msg instanceof LastHttpContent last) {
                    // A head the decoder failed arrives as a full request; its (empty) body is of no use.
                    last.release();
                }
            } else {
                HttpContent content = (HttpContent) msg;
                waitingBodyBytes -= content.content().readableBytes();
                current.onRequestContent(content);
            }
            if (current.requestReceived()) {
                if (!currentEnded) {
                    return;
                }
                current = null;
                currentEnded = false;
            }
        }
    }

    /** During a drain: an idle connection closes now, a busy one after its response (which says close). */
    public void closeIfIdle() {
        keepAlive = false;
        if (current == null) {
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (current != null) {
            current.onDownstreamClosed();
        }
        bodyDeadline.cancel();
        upstreamDeadline.cancel();
        HttpObject msg;
        while ((msg = waiting.poll()) != null) {
            ReferenceCountUtil.release(msg);
        }
        services.metrics().connectionClosed();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Resets and broken pipes are routine on the internet: visible at debug level, not noise at info.
        LOG.debug("closing {} after an error", ctx.channel(), cause);
        ctx.close();
    }
}
