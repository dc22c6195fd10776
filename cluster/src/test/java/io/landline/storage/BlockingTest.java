package io.landline.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class BlockingTest {

    @Test
    void checkPassesOnAnOrdinaryThread() {
        assertThatCode(Blocking::check).doesNotThrowAnyException();
    }

    @Test
    void checkRefusesAnEventLoop(Vertx vertx, VertxTestContext test) {
        vertx.runOnContext(v -> test.verify(() -> {
            assertThatThrownBy(Blocking::check)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("blocking database call on an event loop thread: use executeBlocking");
            test.completeNow();
        }));
    }

    @Test
    void offloadRunsOnAWorkerWhereTheCheckPasses(Vertx vertx, VertxTestContext test) {
        vertx.runOnContext(v -> Blocking.offload(vertx, () -> {
            Blocking.check();
            return Thread.currentThread().getName();
        }).onComplete(test.succeeding(thread -> test.verify(() -> {
            assertThat(thread).contains("worker");
            test.completeNow();
        }))));
    }
}
