package fr.einvoicing.adoption.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** A script of a staff member calling our REST API with HTTP Basic, as the README's curl examples do. */
public final class StaffClient {

    private final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final String baseUrl;
    private final String authorization;

    public StaffClient(String baseUrl, String user, String password) {
        this.baseUrl = baseUrl;
        this.authorization =
                "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public HttpResponse<String> get(String path) {
        return send(builder(path).GET());
    }

    public HttpResponse<String> delete(String path) {
        return send(builder(path).DELETE());
    }

    public HttpResponse<String> postJson(String path, String json) {
        return send(builder(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    public HttpResponse<String> putJson(String path, String json) {
        return send(builder(path)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    /** POST /api/campaigns with a settings part (JSON) and a customers part (the file's bytes). */
    public HttpResponse<String> createCampaign(String settingsJson, byte[] customerFile) {
        Map<String, Part> parts = new LinkedHashMap<>();
        parts.put(
                "settings",
                new Part("settings.json", "application/json", settingsJson.getBytes(StandardCharsets.UTF_8)));
        parts.put("customers", new Part("customers.csv", "text/csv", customerFile));
        return multipart("POST", "/api/campaigns", parts);
    }

    public record Part(String filename, String contentType, byte[] content) {}

    public HttpResponse<String> multipart(String method, String path, Map<String, Part> parts) {
        String boundary = "----staff" + System.nanoTime();
        var body = new java.io.ByteArrayOutputStream();
        try {
            for (var part : parts.entrySet()) {
                body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part.getKey()
                                + "\"; filename=\"" + part.getValue().filename() + "\"\r\nContent-Type: "
                                + part.getValue().contentType() + "\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8));
                body.write(part.getValue().content());
                body.write("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return send(builder(path)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    private HttpRequest.Builder builder(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Authorization", authorization);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
