package io.landline.appliance.admin;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/** A service's operator routes on the admin API; the token check in front of {@code /v1/*} already ran. */
@FunctionalInterface
public interface AdminRoutes {

    void mount(Vertx vertx, Router router);
}
