package fr.einvoicing.adoption.security;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import fr.einvoicing.adoption.campaign.Campaign;
import fr.einvoicing.adoption.customer.CustomerStatus;
import fr.einvoicing.adoption.support.Browserless;
import fr.einvoicing.adoption.support.EngineTestSupport;

import static fr.einvoicing.adoption.process.CustomerAdoptionProcess.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One login on our page opens Tasklist: the account manager finds the refusal task, its Camunda
 * Form, and completes it through Tasklist's own API (with Tasklist's CSRF header).
 */
class TasklistSignOnTest extends EngineTestSupport {

    private final CookieManager cookies = new CookieManager();
    private final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET().build());
    }

    private void logIn(String user, String password) throws IOException, InterruptedException {
        var page = get("/login");
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(csrf.find()).isTrue();
        String form = "username=" + user + "&password=" + password + "&_csrf="
                + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        var result = send(HttpRequest.newBuilder(URI.create(baseUrl() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build());
        assertThat(result.statusCode()).isEqualTo(302);
        assertThat(result.headers().firstValue("Location").orElse("")).doesNotContain("error");
    }

    private String xsrfToken() {
        return cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("XSRF-TOKEN"))
                .map(HttpCookie::getValue)
                .findFirst()
                .orElseThrow(() -> new AssertionError("Tasklist gave no XSRF-TOKEN cookie"));
    }

    @Test
    void account_manager_logs_in_once_and_handles_the_refusal_in_tasklist() throws Exception {
        TestCampaign settings = campaign();
        Campaign campaign = launch(settings, customerLine(settings, "C1", "sme"));
        new Browserless()
                .answer(
                        onlyMailTo(settings.email("c1")).responseLink(),
                        Map.of(
                                "decision",
                                "REFUSE",
                                "refusalReason",
                                "PREFER_PAPER",
                                "refusalComment",
                                "Nous restons au papier"));
        var customer = customer(campaign, "C1");
        String taskId = task(customer, TASK_HANDLE_REFUSAL).getId();

        logIn("anna", "demo");
        assertThat(get("/camunda/app/tasklist/default/").statusCode()).isEqualTo(200);

        var tasks = get("/camunda/api/engine/engine/default/task?processInstanceBusinessKey="
                + URLEncoder.encode(customer.businessKey(), StandardCharsets.UTF_8));
        assertThat(tasks.statusCode()).isEqualTo(200);
        assertThat(tasks.body()).contains(taskId).contains("Traiter le refus · Boulangerie C1");

        var form = get("/camunda/api/engine/engine/default/task/" + taskId + "/deployed-form");
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body())
                .contains("Issue de l’appel")
                .contains("refusalOutcome")
                .contains("CONVINCED")
                .contains("MAINTAINED");
        var variables = get("/camunda/api/engine/engine/default/task/" + taskId + "/form-variables");
        assertThat(variables.body())
                .contains("Nous restons au papier")
                .contains("Boulangerie C1")
                .as("the answer in the operators' words")
                .contains("Refuse la facture électronique");

        var submit = send(HttpRequest.newBuilder(
                        URI.create(baseUrl() + "/camunda/api/engine/engine/default/task/" + taskId + "/submit-form"))
                .header("Content-Type", "application/json")
                .header("X-XSRF-TOKEN", xsrfToken())
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"variables\":{\"refusalOutcome\":{\"value\":\"CONVINCED\",\"type\":\"String\"},"
                                + "\"outcomeNote\":{\"value\":\"Convinced on the phone\",\"type\":\"String\"}}}"))
                .build());
        assertThat(submit.statusCode()).as(submit.body()).isIn(200, 204);

        assertThat(customers.get(customer.id()).status()).isEqualTo(CustomerStatus.ACCEPTED_EXPLICITLY);
        assertThat(customers.get(customer.id()).outcomeBy()).isEqualTo("user:anna");
    }
}
