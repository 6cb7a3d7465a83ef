package fr.einvoicing.adoption.security;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.einvoicing.adoption.campaign.Campaign;
import fr.einvoicing.adoption.customer.CustomerStatus;
import fr.einvoicing.adoption.support.Browserless;
import fr.einvoicing.adoption.support.EngineTestSupport;

import static fr.einvoicing.adoption.process.CustomerAdoptionProcess.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Who may see and do what, tried over HTTP like a user or a script would. */
class AccessRulesTest extends EngineTestSupport {

    private final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final ObjectMapper json = new ObjectMapper();

    private HttpResponse<byte[]> get(String path, String user) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET();
        if (user != null) {
            request.header("Authorization", basic(user, "demo"));
        }
        return send(request.build());
    }

    private HttpResponse<byte[]> postJson(String path, String user, String body) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Authorization", basic(user, "demo"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode body(HttpResponse<byte[]> response) throws IOException {
        return json.readTree(response.body());
    }

    private List<String> taskNamesSeenBy(String user) throws IOException {
        var response = get("/engine-rest/task?processInstanceBusinessKeyLike=" + currentCode + "%25", user);
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        body(response)
                .forEach(t -> names.add(t.get("taskDefinitionKey").asText() + "@"
                        + t.get("processInstanceId").asText()));
        return names;
    }

    private String currentCode;

    @Test
    void nothing_answers_anonymously_but_the_response_page_and_health() {
        for (String api : List.of(
                "/api/campaigns", "/engine-rest/task", "/engine-rest/process-instance", "/engine-rest/deployment")) {
            assertThat(get(api, null).statusCode()).as(api).isEqualTo(401);
        }
        for (String page : List.of(
                "/",
                "/campaigns",
                "/campaigns/new",
                "/camunda/app/cockpit/default/",
                "/camunda/app/tasklist/default/",
                "/actuator/prometheus")) {
            var response = get(page, null);
            assertThat(response.statusCode()).as(page).isIn(302, 401);
            if (response.statusCode() == 302) {
                assertThat(response.headers().firstValue("Location").orElse(""))
                        .as(page)
                        .endsWith("/login");
            }
        }
        assertThat(get("/camunda/api/engine/engine/default/task", null).statusCode())
                .isIn(401, 403);
        assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);
        assertThat(get("/login", null).statusCode()).isEqualTo(200);
    }

    @Test
    void a_wrong_password_is_refused() {
        var response = send(HttpRequest.newBuilder(URI.create(baseUrl() + "/engine-rest/task"))
                .header("Authorization", basic("anna", "wrong"))
                .GET()
                .build());
        assertThat(response.statusCode()).isEqualTo(401);
        var api = send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/campaigns"))
                .header("Authorization", basic("claire", "wrong"))
                .GET()
                .build());
        assertThat(api.statusCode()).isEqualTo(401);
    }

    @Test
    void account_manager_sees_and_completes_only_their_groups_tasks() throws IOException {
        TestCampaign settings = campaign().silenceMeansAcceptance(false).reminderBefore(null);
        currentCode = settings.code();
        Campaign campaign = launch(settings, customerLine(settings, "R1", "sme"), customerLine(settings, "S1", "sme"));
        var refusing = customer(campaign, "R1");
        var silent = customer(campaign, "S1");
        new Browserless()
                .answer(
                        onlyMailTo(settings.email("r1")).responseLink(),
                        Map.of("decision", "REFUSE", "refusalReason", "PREFER_PAPER"));
        moveClockTo(settings.deadline().toInstant().plusSeconds(1));
        runJobs();
        String refusalTask = task(refusing, TASK_HANDLE_REFUSAL).getId();
        String reachTask = task(silent, TASK_REACH_CUSTOMER).getId();

        assertThat(taskNamesSeenBy("anna")).containsExactly(TASK_HANDLE_REFUSAL + "@" + processInstanceId(refusing));
        assertThat(taskNamesSeenBy("sam")).containsExactly(TASK_REACH_CUSTOMER + "@" + processInstanceId(silent));
        assertThat(taskNamesSeenBy("dora")).isEmpty();

        // anna sees no process instance, no variable of a task that is not hers, no history
        assertThat(body(get("/engine-rest/process-instance?businessKeyLike=" + currentCode + "%25", "anna")))
                .isEmpty();
        assertThat(get("/engine-rest/task/" + reachTask + "/variables", "anna").statusCode())
                .isIn(403, 404);
        assertThat(body(get(
                        "/engine-rest/history/process-instance?processInstanceBusinessKeyLike=" + currentCode + "%25",
                        "anna")))
                .isEmpty();

        // she cannot complete customer service's task...
        var denied = postJson(
                "/engine-rest/task/" + reachTask + "/submit-form",
                "anna",
                "{\"variables\":{\"contactOutcome\":{\"value\":\"UNREACHABLE\"}}}");
        assertThat(denied.statusCode()).isIn(403, 404);
        assertThat(task(silent, TASK_REACH_CUSTOMER)).isNotNull();

        // ...but completes her own through the same API Tasklist uses
        var done = postJson(
                "/engine-rest/task/" + refusalTask + "/submit-form",
                "anna",
                "{\"variables\":{\"refusalOutcome\":{\"value\":\"MAINTAINED\"},\"outcomeNote\":{\"value\":\"Customer firm\"}}}");
        assertThat(done.statusCode())
                .as(new String(done.body(), StandardCharsets.UTF_8))
                .isIn(200, 204);
        assertThat(customers.get(refusing.id()).status()).isEqualTo(CustomerStatus.REFUSED);
        assertThat(customers.get(refusing.id()).outcomeBy()).isEqualTo("user:anna");

        // and she has no business in the campaign pages or API
        assertThat(get("/api/campaigns", "anna").statusCode()).isEqualTo(403);
        assertThat(get("/campaigns", "anna").statusCode()).isEqualTo(403);
    }

    @Test
    void campaign_manager_reads_campaigns_and_downloads_a_customers_evidence_pack() throws IOException {
        TestCampaign settings = campaign();
        Campaign campaign = launch(settings, customerLine(settings, "C1", "sme"));
        new Browserless().answer(onlyMailTo(settings.email("c1")).responseLink(), Map.of("decision", "ACCEPT"));

        var list = get("/api/campaigns/" + campaign.code() + "/customers", "claire");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(body(list).get(0).get("status").asText()).isEqualTo("ACCEPTED_EXPLICITLY");

        // the campaign's letter, checked in both languages, on the API and the page
        var check = body(get("/api/campaigns/" + campaign.code() + "/letter-check", "claire"));
        assertThat(check).hasSize(2);
        check.forEach(
                c -> assertThat(c.get("clean").asBoolean()).as(c.toString()).isTrue());
        String page = new String(get("/campaigns/" + campaign.code(), "claire").body(), StandardCharsets.UTF_8);
        assertThat(page).contains("Letter check").contains("Says everything a letter must say");

        var pack = get("/campaigns/" + campaign.code() + "/customers/C1/evidence-pack", "claire");
        assertThat(pack.statusCode()).isEqualTo(200);
        assertThat(pack.headers().firstValue("Content-Disposition").orElse("")).contains(".zip");
        List<String> entries = new ArrayList<>();
        String evidenceJson = null;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(pack.body()))) {
            for (var entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                entries.add(entry.getName());
                if (entry.getName().equals("evidence.json")) {
                    evidenceJson = new String(zip.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        assertThat(entries).contains("README.txt", "customer.json", "evidence.json", "evidence.csv", "answers.json");
        assertThat(entries).anyMatch(n -> n.endsWith(".pdf"));
        assertThat(evidenceJson).contains("CONSENT_EXPLICIT").contains("entryHash");
        // the account manager who calls the customer may read the file; the data stewards may not
        assertThat(get("/campaigns/" + campaign.code() + "/customers/C1/evidence-pack", "anna")
                        .statusCode())
                .isEqualTo(200);
        assertThat(get("/campaigns/" + campaign.code() + "/customers/C1/evidence-pack", "dora")
                        .statusCode())
                .isEqualTo(403);
        assertThat(get("/campaigns/" + campaign.code(), "anna").statusCode()).isEqualTo(403);
    }
}
