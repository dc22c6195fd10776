package io.landline.appliance.admin;

import io.landline.appliance.config.LandlineConfig;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.NoSuchFileException;
import java.time.Duration;

/**
 * How CLI commands reach a running node: its admin API, with the token the node wrote
 * into its data directory. Nothing else touches a running node's state.
 */
public final class AdminClient {

    private final URI base;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private AdminClient(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    /** A client for the node that {@code config} describes; fails when it has never started. */
    public static AdminClient of(LandlineConfig config) throws AdminException {
        String host = config.admin().host();
        String authority = (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + config.admin().port();
        try {
            return new AdminClient(URI.create("http://" + authority), AdminToken.read(config.node().dataDir()));
        } catch (NoSuchFileException e) {
            throw new AdminException("no admin token at " + AdminToken.file(config.node().dataDir()) + ": is the node running with this config?");
        } catch (IOException e) {
            throw new AdminException("cannot read admin token " + AdminToken.file(config.node().dataDir()) + ": " + e.getMessage());
        }
    }

    /** An answer of the node, whatever its status. */
    public record Response(int status, String body) {
    }

    /** Sends a request and returns the body of a 2xx answer. */
    public String send(String method, String path, String body) throws AdminException {
        Response response = exchange(method, path, body);
        if (response.status() / 100 != 2) {
            throw new AdminException("node at " + base + " answered " + response.status() + " " + response.body().trim());
        }
        return response.body();
    }

    /** Sends a request and returns the node's answer, for commands that explain its refusals themselves. */
    public Response exchange(String method, String path, String body) throws AdminException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(10))
                .header("authorization", "Bearer " + token)
                .header("content-type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (ConnectException e) {
            throw new AdminException("no node answering at " + base + " (admin.host/admin.port)");
        } catch (IOException e) {
            throw new AdminException("admin call to " + base + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminException("interrupted");
        }
    }

    /** A one-line reason the CLI prints. */
    public static final class AdminException extends Exception {
        private static final long serialVersionUID = 1L;

        public AdminException(String message) {
            super(message, null, false, false);
        }
    }
}
