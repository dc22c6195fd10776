package io.landline.gateway.provider;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Reads a push's body with a hard limit and nothing else: no form decoding (curl and other
 * clients label raw bodies {@code application/x-www-form-urlencoded}), no file uploads. A
 * content-length over the limit is refused before a byte is read; a body that grows past it
 * is refused as it arrives and the rest is discarded unbuffered.
 * <p>
 * It is a {@link BodyHandler} so that the router runs it in the body phase, where the request
 * is still paused.
 */
final class PayloadReader implements BodyHandler {

    /** Where the body is left for the next handler, as a {@link Buffer}. */
    static final String BODY = "landline.payload";

    private final int limit;
    private final Handler<RoutingContext> tooLarge;

    PayloadReader(int limit, Handler<RoutingContext> tooLarge) {
        this.limit = limit;
        this.tooLarge = tooLarge;
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String declared = request.getHeader("content-length");
        if (declared != null && (declared.length() > 10 || !declared.chars().allMatch(Character::isDigit)
                || Long.parseLong(declared) > limit)) {
            tooLarge.handle(ctx);
            return;
        }
        if (request.isEnded()) {
            ctx.put(BODY, Buffer.buffer());
            ctx.next();
            return;
        }
        Buffer body = Buffer.buffer(declared == null ? 256 : Integer.parseInt(declared));
        boolean[] refused = {false};
        request.handler(chunk -> {
            if (refused[0]) {
                return;
            }
            if (body.length() + chunk.length() > limit) {
                refused[0] = true;
                tooLarge.handle(ctx);
                return;
            }
            body.appendBuffer(chunk);
        });
        request.endHandler(v -> {
            if (!refused[0]) {
                ctx.put(BODY, body);
                ctx.next();
            }
        });
        request.exceptionHandler(e -> refused[0] = true);
        request.resume();
    }

    @Override
    public BodyHandler setHandleFileUploads(boolean handleFileUploads) {
        throw new UnsupportedOperationException("a push has no file uploads");
    }

    @Override
    public BodyHandler setBodyLimit(long bodyLimit) {
        throw new UnsupportedOperationException("the limit is a constructor argument");
    }

    @Override
    public BodyHandler setUploadsDirectory(String uploadsDirectory) {
        throw new UnsupportedOperationException("a push has no file uploads");
    }

    @Override
    public BodyHandler setMergeFormAttributes(boolean mergeFormAttributes) {
        throw new UnsupportedOperationException("a push body is not a form");
    }

    @Override
    public BodyHandler setDeleteUploadedFilesOnEnd(boolean deleteUploadedFilesOnEnd) {
        throw new UnsupportedOperationException("a push has no file uploads");
    }

    @Override
    public BodyHandler setPreallocateBodyBuffer(boolean isPreallocateBodyBuffer) {
        throw new UnsupportedOperationException("the buffer is sized from content-length");
    }
}
