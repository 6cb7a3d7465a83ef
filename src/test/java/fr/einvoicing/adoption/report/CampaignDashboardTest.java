package fr.einvoicing.adoption.report;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fr.einvoicing.adoption.campaign.Campaign;
import fr.einvoicing.adoption.campaign.CampaignCreation;
import fr.einvoicing.adoption.support.Browserless;
import fr.einvoicing.adoption.support.EngineTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** The campaign page's figures and its CSV exports, as a manager downloads them. */
class CampaignDashboardTest extends EngineTestSupport {

    @Autowired
    CampaignDashboard dashboard;

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(baseUrl() + path))
                                .header(
                                        "Authorization",
                                        "Basic "
                                                + Base64.getEncoder()
                                                        .encodeToString("claire:demo".getBytes(StandardCharsets.UTF_8)))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void the_page_shows_the_funnel_breakdowns_and_tasks_and_exports_them_safely() throws Exception {
        TestCampaign settings = campaign();
        Campaign campaign = launch(
                settings,
                customerLine(settings, "C1", "key-account"),
                customerLine(settings, "C2", "sme"),
                customerLine(settings, "C3", "sme"));
        new Browserless()
                .answer(
                        onlyMailTo(settings.email("c1")).responseLink(),
                        Map.of(
                                "decision",
                                "ACCEPT",
                                "usesSupplierTool",
                                "YES",
                                "supplierTool",
                                "PENNYLANE",
                                "wantedFormat",
                                "UBL"));
        new Browserless()
                .answer(
                        onlyMailTo(settings.email("c2")).responseLink(),
                        Map.of(
                                "decision",
                                "REFUSE",
                                "refusalReason",
                                "TOO_EARLY",
                                "refusalComment",
                                "=HYPERLINK(\"http://evil.example\",\"click\")"));

        var view = dashboard.of(campaign);
        assertThat(view.funnel())
                .extracting(CampaignDashboard.Bar::label, CampaignDashboard.Bar::value)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("customers", 3L),
                        org.assertj.core.groups.Tuple.tuple("delivered", 3L),
                        org.assertj.core.groups.Tuple.tuple("answered", 2L),
                        org.assertj.core.groups.Tuple.tuple("acceptedExplicitly", 1L),
                        org.assertj.core.groups.Tuple.tuple("pending", 2L));
        assertThat(view.breakdowns().get("supplierTool"))
                .extracting(CampaignDashboard.Bar::label)
                .containsExactly("PENNYLANE");
        assertThat(view.breakdowns().get("refusalReason"))
                .extracting(CampaignDashboard.Bar::label)
                .containsExactly("TOO_EARLY");
        assertThat(view.tasks()).anySatisfy(t -> {
            assertThat(t.group()).isEqualTo("account-managers");
            assertThat(t.open()).isEqualTo(1);
        });
        assertThat(view.evolution()).isNotEmpty();
        assertThat(view.countdown().passed()).isFalse();
        assertThat(view.countdown().days()).isPositive();

        String page = get("/campaigns/" + campaign.code()).body();
        assertThat(page)
                .contains("Funnel")
                .contains("Accepted explicitly")
                .contains("Pennylane")
                .contains("Open tasks")
                .contains("Too early")
                .contains("left before the deadline")
                .contains("<polyline");

        var customersCsv = get("/campaigns/" + campaign.code() + "/export/customers.csv");
        assertThat(customersCsv.headers().firstValue("Content-Disposition").orElse(""))
                .contains(campaign.code() + "-customers.csv");
        assertThat(customersCsv.body()).startsWith("\uFEFFcustomer_id;company_name");
        assertThat(customersCsv.body())
                .contains("'=HYPERLINK")
                .doesNotContain(";=HYPERLINK")
                .doesNotContain(";\"=HYPERLINK");
        assertThat(customersCsv.body().lines()).hasSize(4);

        var figures =
                get("/campaigns/" + campaign.code() + "/export/figures.csv").body();
        assertThat(figures)
                .contains("Funnel;Accepted explicitly;1")
                .contains("Open tasks;account-managers;1")
                .contains("Refusal reason;Too early;1");
        assertThat(get("/campaigns/" + campaign.code() + "/export/import-problems.csv")
                        .body())
                .startsWith("\uFEFFline_number;customer_id;reason");
    }

    @Test
    void the_page_warns_before_approval_when_the_letters_cannot_all_leave_in_time() throws Exception {
        // deadline 2026-11-30 18:00, seven days at least to answer
        Campaign slowCampaign = campaignOf520Customers(1);
        String slow = get("/campaigns/" + slowCampaign.code()).body();
        assertThat(slow)
                .contains("id=\"sending-too-late\"")
                .contains("Not every letter can leave in time")
                .contains("520 letters still to send")
                .contains("24 Nov 2026 01:00") // 520 hours after 2 Nov 2026 09:00
                .contains("23 Nov 2026 18:00"); // the deadline less the minimum answer time

        Campaign fastCampaign = campaignOf520Customers(100);
        var fast = get("/campaigns/" + fastCampaign.code());
        assertThat(fast.statusCode()).isEqualTo(200);
        assertThat(fast.body()).contains(fastCampaign.code()).doesNotContain("sending-too-late");
    }

    private Campaign campaignOf520Customers(int lettersPerHour) throws Exception {
        TestCampaign settings = campaign();
        String file = "customer_id;company_name;contact_name;email;siren;siret;language;segment;account_manager\n"
                + String.join(
                        "\n",
                        IntStream.rangeClosed(1, 520)
                                .mapToObj(i -> "C" + i + ";Boulangerie " + i + ";Julie Martin;"
                                        + settings.email("c" + i) + ";412345670;41234567000019;fr;sme;anna")
                                .toList());
        CampaignCreation.Created created = creation.create(
                settings.toSettings(lettersPerHour),
                new java.io.ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)),
                "claire",
                n -> {},
                false);
        assertThat(created.imported().imported()).isEqualTo(520);
        return created.campaign();
    }
}
