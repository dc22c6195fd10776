package io.landline.gateway.https;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/** A service's routes on the HTTPS listener; mounted into each listener instance's router. */
@FunctionalInterface
public interface HttpsRoutes {

    /** Adds this service's routes to {@code router}; called once per event loop, so shared state must be thread-safe. */
    void mount(Vertx vertx, Router router);
}
