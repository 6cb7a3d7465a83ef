package fr.einvoicing.adoption.web;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import fr.einvoicing.adoption.campaign.Campaign;
import fr.einvoicing.adoption.support.Browserless;
import fr.einvoicing.adoption.support.PostgresEngineTestSupport;
import fr.einvoicing.adoption.support.StaffClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A campaign manager sends files that are not customer files, or rows with overlong fields: the API
 * answers with the product's own message, never 500, and a refused file leaves nothing behind (the
 * code can be used again at once). A draft that is no longer wanted can be deleted.
 */
class HostileCampaignFileTest extends PostgresEngineTestSupport {

    private static final String HEADER =
            "customer_id;company_name;contact_name;email;siren;siret;language;segment;account_manager\n";

    @Autowired
    JdbcClient jdbc;

    private StaffClient claire() {
        return new StaffClient(baseUrl(), "claire", "demo");
    }

    /** Settings with a webinar (its sessions are stored before the file is read). */
    private String settings(String code) {
        return """
                {"code": "%s", "name": "Passage à la facture électronique", "defaultLanguage": "fr",
                 "responseDeadline": "2027-03-31T18:00:00", "deadlineZone": "Europe/Paris", "reminderBefore": "P7D",
                 "silenceMeansAcceptance": true, "firstEinvoiceDate": "2027-04-15",
                 "webinarAt": "2027-03-10T11:00:00", "moreWebinarSessions": ["2027-03-17T14:00:00"],
                 "webinarUrl": "https://webinar.example.com/einvoicing", "faqUrl": "https://example.com/faq",
                 "contactName": "Claire Martin", "contactEmail": "claire.martin@example.com"}
                """
                .formatted(code);
    }

    private long rowsLeftBy(String code) {
        return jdbc.sql("select count(*) from campaign where code = ?")
                        .param(code)
                        .query(Long.class)
                        .single()
                + jdbc.sql(
                                "select count(*) from webinar_session s join campaign c on c.id = s.campaign_id where c.code = ?")
                        .param(code)
                        .query(Long.class)
                        .single()
                + jdbc.sql("select count(*) from campaign_customer where business_key like ?")
                        .param(code + ":%")
                        .query(Long.class)
                        .single();
    }

    @Test
    @DisplayName("Each refused file gets its reason, leaves nothing, and the same code then works")
    void refused_files_leave_nothing_behind() {
        String code = campaign().code();
        Map<String, byte[]> refused = Map.of(
                "empty", new byte[0],
                "header only", HEADER.getBytes(StandardCharsets.UTF_8),
                "not CSV",
                        "Bonjour, voici nos clients : Martin, Leroy et Dubois"
                                .replace(",", "")
                                .getBytes(StandardCharsets.UTF_8),
                "spreadsheet", "PK\u0003\u0004 a workbook".getBytes(StandardCharsets.ISO_8859_1),
                "missing columns",
                        "customer_id;company_name;email\nC1;Martin;c1@customer.example\n"
                                .getBytes(StandardCharsets.UTF_8),
                "one endless line", ("customer_id;" + "x".repeat(20_000)).getBytes(StandardCharsets.UTF_8));
        Map<String, String> reasons = Map.of(
                "empty", "empty",
                "header only", "no customer",
                "not CSV", "not a CSV header",
                "spreadsheet", "not a CSV file",
                "missing columns",
                        "lacks the required columns contact_name, siren, siret, language, segment, account_manager",
                "one endless line", "lacks the required columns");
        for (var file : refused.entrySet()) {
            var response = claire().createCampaign(settings(code), file.getValue());
            assertThat(response.statusCode())
                    .as(file.getKey() + ": " + response.body())
                    .isEqualTo(422);
            assertThat(response.body())
                    .as(file.getKey())
                    .contains("Customer file refused")
                    .contains(reasons.get(file.getKey()));
            assertThat(rowsLeftBy(code))
                    .as(file.getKey() + " leaves nothing behind")
                    .isZero();
        }

        var good = claire().createCampaign(
                        settings(code),
                        (HEADER + "C1;Martin;Julie;c1@customer.example;;;fr;sme;anna\n")
                                .getBytes(StandardCharsets.UTF_8));
        assertThat(good.statusCode()).as(good.body()).isEqualTo(201);
        assertThat(campaigns.findByCode(code)).isPresent();
    }

    @Test
    @DisplayName("An overlong field or a control character rejects its row, with its line, and the others go through")
    void an_overlong_field_rejects_one_row_not_the_file() {
        String code = campaign().code();
        String file = HEADER.replace("\n", ";notes\n")
                + "C1;Martin;Julie;c1@customer.example;;;fr;sme;anna;\n"
                + "C2;" + "Société ".repeat(624) + "Générale;Paul;c2@customer.example;;;fr;sme;anna;\n"
                + "C3;Leroy;Paul;c3@customer.example;;;fr;" + "s".repeat(61) + ";anna;\n"
                + "C4;Moreau;Luc;c4@customer.example;;;fr;sme;anna;" + "n".repeat(4_100) + "\n"
                + "C5;Du\u0000bois;Luc;c5@customer.example;;;fr;sme;anna;\n"
                + "C6;Petit;Anne;c6@customer.example;;;fr;sme;anna;\n";
        var response = claire().createCampaign(settings(code), file.getBytes(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(response.body()).contains("\"imported\":2", "\"rejected\":4");

        var problems = claire().get("/api/campaigns/" + code + "/import-problems");
        assertThat(problems.body())
                .contains(
                        "{\"lineNumber\":3,\"customerId\":\"C2\",\"reason\":\"company_name is too long: 5000 characters, at most 300\","
                                + "\"code\":\"TOO_LONG\",\"values\":[\"company_name\",\"5000\",\"300\"]}")
                .contains(
                        "{\"lineNumber\":4,\"customerId\":\"C3\",\"reason\":\"segment is too long: 61 characters, at most 60\"")
                .contains("\"lineNumber\":5,\"customerId\":\"C4\",\"reason\":\"The extra columns are too long together")
                .contains(
                        "\"lineNumber\":6,\"customerId\":\"C5\",\"reason\":\"Column company_name contains a control character (such as NUL)\"");
        Campaign campaign = campaigns.findByCode(code).orElseThrow();
        assertThat(customers.count(campaign.id())).isEqualTo(2);
    }

    @Test
    @DisplayName("A draft campaign is deleted from the API, its code reused; a sending one is refused")
    void a_draft_is_deleted_and_a_running_campaign_is_not() {
        String code = campaign().code();
        byte[] file = (HEADER + "C1;Martin;Julie;c1@customer.example;;;fr;sme;anna\n").getBytes(StandardCharsets.UTF_8);
        assertThat(claire().createCampaign(settings(code), file).statusCode()).isEqualTo(201);
        assertThat(runtimeService
                        .createProcessInstanceQuery()
                        .processInstanceBusinessKey(code)
                        .count())
                .as("the campaign's own process waits for approval")
                .isEqualTo(1);

        var deleted = claire().delete("/api/campaigns/" + code);
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
        assertThat(rowsLeftBy(code)).isZero();
        assertThat(runtimeService
                        .createProcessInstanceQuery()
                        .processInstanceBusinessKey(code)
                        .count())
                .isZero();
        assertThat(taskService
                        .createTaskQuery()
                        .processInstanceBusinessKey(code)
                        .count())
                .isZero();
        assertThat(claire().createCampaign(settings(code), file).statusCode())
                .as("the code is free again")
                .isEqualTo(201);
        assertThat(claire().get("/api/campaigns/" + code).statusCode()).isEqualTo(200);
        assertThat(new StaffClient(baseUrl(), "anna", "demo")
                        .delete("/api/campaigns/" + code)
                        .statusCode())
                .as("an account manager may not")
                .isEqualTo(403);

        TestCampaign running = campaign();
        launch(running, customerLine(running, "R1", "sme"));
        var refused = claire().delete("/api/campaigns/" + running.code());
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("past its draft");
        assertThat(campaigns.findByCode(running.code())).isPresent();
    }

    @Test
    @DisplayName("A campaign manager deletes a draft from its page, after ticking the confirmation")
    void a_draft_is_deleted_from_its_page() {
        String code = campaign().code();
        byte[] file = (HEADER + "C1;Martin;Julie;c1@customer.example;;;fr;sme;anna\n").getBytes(StandardCharsets.UTF_8);
        assertThat(claire().createCampaign(settings(code), file).statusCode()).isEqualTo(201);

        Browserless browser = new Browserless();
        var login = browser.get(baseUrl() + "/login");
        assertThat(browser.post(
                                baseUrl() + "/login",
                                Map.of("username", "claire", "password", "demo", "_csrf", login.csrf()))
                        .location())
                .doesNotContain("error");
        var page = browser.get(baseUrl() + "/campaigns/" + code);
        assertThat(page.body()).contains("Delete the draft");

        var unconfirmed = browser.post(baseUrl() + "/campaigns/" + code + "/delete", Map.of("_csrf", page.csrf()));
        assertThat(unconfirmed.status()).isEqualTo(302);
        assertThat(campaigns.findByCode(code))
                .as("nothing deleted without the confirmation")
                .isPresent();

        var confirmed = browser.post(
                baseUrl() + "/campaigns/" + code + "/delete", Map.of("_csrf", page.csrf(), "confirm", "yes"));
        assertThat(confirmed.location()).endsWith("/campaigns");
        assertThat(browser.get(baseUrl() + "/campaigns").body()).contains("Draft campaign " + code + " deleted.");
        assertThat(rowsLeftBy(code)).isZero();
    }
}
