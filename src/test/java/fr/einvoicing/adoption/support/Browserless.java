package fr.einvoicing.adoption.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The customer's side of the response page, over real HTTP: keeps cookies like a browser, reads
 * the CSRF field from the form it was shown, and never follows redirects (tests look at them).
 */
public final class Browserless {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final CookieManager cookies = new CookieManager();
    private final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final String forwardedFor;

    /** A visitor; {@code forwardedFor} plays the client address a reverse proxy would pass on. */
    public Browserless(String forwardedFor) {
        this.forwardedFor = forwardedFor;
    }

    public Browserless() {
        this(null);
    }

    public record Page(int status, String body, String location, java.net.http.HttpHeaders headers) {
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public String csrf() {
            Matcher m = CSRF.matcher(body);
            if (!m.find()) {
                throw new AssertionError("No CSRF field in the page (status " + status + ")");
            }
            return m.group(1);
        }
    }

    public Page get(String url) {
        return send(request(url).GET().build());
    }

    /** Posts the form exactly as given (no CSRF added). */
    public Page post(String url, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(request(url)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    /** Logs in on the staff login page, as a person would with the form. */
    public Page logIn(String baseUrl, String user, String password) {
        Page login = get(baseUrl + "/login");
        return post(baseUrl + "/login", Map.of("username", user, "password", password, "_csrf", login.csrf()));
    }

    /** A request as a script in the logged-in browser would send it (the Camunda webapps' JSON calls). */
    public Page send(String method, String url, Map<String, String> headers, String body) {
        HttpRequest.Builder builder = request(url)
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(builder::header);
        return send(builder.build());
    }

    /** The value of a cookie the server set, or null. */
    public String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals(name))
                .map(java.net.HttpCookie::getValue)
                .findFirst()
                .orElse(null);
    }

    /** Opens the page, then posts the form with the CSRF token the page carried. */
    public Page answer(String link, Map<String, String> fields) {
        Page form = get(link);
        if (form.status() != 200) {
            throw new AssertionError("The response page did not open: " + form.status());
        }
        Map<String, String> withCsrf = new LinkedHashMap<>(fields);
        withCsrf.put("_csrf", form.csrf());
        return post(link, withCsrf);
    }

    private HttpRequest.Builder request(String url) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(URI.create(url)).header("User-Agent", "Mozilla/5.0 (test browser)");
        if (forwardedFor != null) {
            builder.header("X-Forwarded-For", forwardedFor);
        }
        return builder;
    }

    private Page send(HttpRequest request) {
        try {
            HttpResponse<String> response =
                    http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Page(
                    response.statusCode(),
                    response.body(),
                    response.headers().firstValue("Location").orElse(null),
                    response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
