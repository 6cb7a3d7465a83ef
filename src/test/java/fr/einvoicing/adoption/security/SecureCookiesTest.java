package fr.einvoicing.adoption.security;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import fr.einvoicing.adoption.support.EngineTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the production default (CAMPAIGN_SECURE_COOKIES unset, so true), the session cookie and
 * Cockpit/Tasklist's XSRF cookie are never sent over plain http, and a request that reached the
 * reverse proxy over HTTPS is answered with HSTS. Read from the raw headers, as a reviewer would.
 */
@TestPropertySource(properties = "CAMPAIGN_SECURE_COOKIES=true")
class SecureCookiesTest extends EngineTestSupport {

    private final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        // played by the reverse proxy in front (trusted from this machine in tests): the customer used HTTPS
        return http.send(
                request.header("X-Forwarded-Proto", "https").build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String cookie(HttpResponse<?> response, String name) {
        return response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(name + "="))
                .findFirst()
                .orElse(null);
    }

    private static String value(String setCookie) {
        return setCookie.substring(setCookie.indexOf('=') + 1, setCookie.indexOf(';'));
    }

    @Test
    @DisplayName("Session and XSRF cookies carry Secure and HttpOnly/SameSite; HTTPS answers carry HSTS")
    void cookies_are_secure_and_https_is_enforced() throws Exception {
        var login =
                send(HttpRequest.newBuilder(URI.create(baseUrl() + "/login")).GET());
        String session = cookie(login, "JSESSIONID");
        assertThat(session).isNotNull().contains("Secure").contains("HttpOnly").containsIgnoringCase("SameSite=Lax");
        assertThat(login.headers().firstValue("Strict-Transport-Security"))
                .hasValueSatisfying(hsts -> assertThat(hsts).contains("max-age=31536000"));

        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(login.body());
        assertThat(csrf.find()).isTrue();
        var loggedIn = send(HttpRequest.newBuilder(URI.create(baseUrl() + "/login"))
                .header("Cookie", "JSESSIONID=" + value(session))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=anna&password=demo&_csrf="
                        + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8))));
        assertThat(loggedIn.statusCode()).isEqualTo(302);
        String staffSession = cookie(loggedIn, "JSESSIONID");
        assertThat(staffSession).as("a new session after login").isNotNull().contains("Secure");

        var tasklist = send(HttpRequest.newBuilder(URI.create(baseUrl() + "/camunda/app/tasklist/default/"))
                .header("Cookie", "JSESSIONID=" + value(staffSession))
                .GET());
        assertThat(tasklist.statusCode()).isEqualTo(200);
        assertThat(cookie(tasklist, "XSRF-TOKEN"))
                .as("Tasklist's XSRF cookie")
                .isNotNull()
                .contains("Secure");

        // over plain http (no proxy said https) there is no HSTS: browsers ignore it there anyway
        var plain = http.send(
                HttpRequest.newBuilder(URI.create(baseUrl() + "/login")).GET().build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(plain.headers().allValues("Strict-Transport-Security")).isEqualTo(List.of());
    }
}
