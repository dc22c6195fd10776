package io.landline.appliance.activation;

import io.landline.appliance.cli.CliRun;

import io.landline.appliance.Landline;
import io.landline.appliance.node.Http;
import io.landline.appliance.node.TestNodeConfig;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Raw {@code POST /v1/activate} requests and CLI runs against a test node. */
final class Activations {

    private final TestNodeConfig config;
    private final HttpClient http;

    Activations(TestNodeConfig config) throws Exception {
        this.config = config;
        this.http = Http.trusting(config.caFile());
    }

    /** {@code headers} as name, value pairs; the content type is not set unless given. */
    HttpResponse<String> post(byte[] body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(config.httpsUrl("/v1/activate")))
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postCsr(byte[] csr, String... headers) throws Exception {
        String[] all = new String[headers.length + 2];
        all[0] = "content-type";
        all[1] = "application/pkcs10";
        System.arraycopy(headers, 0, all, 2, headers.length);
        return post(csr, all);
    }

    static String reason(HttpResponse<String> response) {
        return new JsonObject(response.body()).getString("reason");
    }

    /** Runs the landline CLI in this JVM with {@code --config} of the test node appended. */
    CliRun cli(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--config";
        all[args.length + 1] = config.file().toString();
        return cliWithoutConfig(all);
    }

    static CliRun cliWithoutConfig(String... args) {
        return CliRun.of(args);
    }

    String metrics() throws Exception {
        return Http.get(config.adminUrl("/metrics")).body();
    }
}
