package fr.einvoicing.adoption.security;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import fr.einvoicing.adoption.campaign.Campaign;
import fr.einvoicing.adoption.customer.CustomerStatus;
import fr.einvoicing.adoption.response.CustomerResponses;
import fr.einvoicing.adoption.support.Browserless;
import fr.einvoicing.adoption.support.PostgresEngineTestSupport;
import fr.einvoicing.adoption.support.RawHttp;
import fr.einvoicing.adoption.support.StaffClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The product probed as an attacker would, on PostgreSQL as in production: a logged-in account
 * manager trying to become administrator, hostile paths and headers, odd API bodies.
 */
@TestPropertySource(
        properties = {
            // the production defaults: no proxy trusted, 300 requests a minute per address
            "server.tomcat.remoteip.internal-proxies=",
            "campaign.response.requests-per-minute-per-address=300"
        })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AttackerTest extends PostgresEngineTestSupport {

    @Autowired
    IdentityService identity;

    @Autowired
    CustomerResponses responses;

    @Test
    @DisplayName("No one becomes administrator through Camunda's first-start setup, even when no administrator is left")
    void the_setup_endpoint_is_refused_even_without_an_administrator() {
        identity.deleteMembership("admin", Groups.CAMUNDA_ADMIN);
        try {
            assertThat(identity.createUserQuery()
                            .memberOfGroup(Groups.CAMUNDA_ADMIN)
                            .count())
                    .as("the situation of the attack: nobody left in camunda-admin")
                    .isZero();
            Browserless anna = new Browserless();
            assertThat(anna.logIn(baseUrl(), "anna", "demo").location()).doesNotContain("error");
            // Camunda itself sends her to its first-start page, where the attack begins
            var tasklist = anna.get(baseUrl() + "/camunda/app/tasklist/default/");
            if (tasklist.location() != null) {
                anna.get(tasklist.location());
            }
            String xsrf = anna.cookie("XSRF-TOKEN");
            assertThat(xsrf).as("Tasklist hands the browser its XSRF token").isNotBlank();

            for (String path : List.of(
                    "/camunda/api/admin/setup/default/user/create",
                    "/camunda/api/admin/setup/default/user/create/",
                    "/camunda/api/admin/%73etup/default/user/create")) {
                var attempt = anna.send(
                        "POST",
                        baseUrl() + path,
                        Map.of("Content-Type", "application/json", "X-XSRF-TOKEN", xsrf, "Accept", "application/json"),
                        """
                        {"profile": {"id": "mallory", "firstName": "Mal", "lastName": "Lory", "email": "m@example.com"},
                         "credentials": {"password": "Mallory-2026-long"}}
                        """);
                assertThat(attempt.status()).as(path + ": " + attempt.body()).isIn(400, 403);
            }
            assertThat(identity.createUserQuery().userId("mallory").count())
                    .as("no user was created")
                    .isZero();
            assertThat(identity.createUserQuery()
                            .memberOfGroup(Groups.CAMUNDA_ADMIN)
                            .count())
                    .isZero();
        } finally {
            identity.createMembership("admin", Groups.CAMUNDA_ADMIN);
        }
    }

    @Test
    @DisplayName("A mangled customer link gets the product's neutral page, never the container's")
    void malformed_links_get_the_products_own_page() {
        int port = Integer.parseInt(baseUrl().substring(baseUrl().lastIndexOf(':') + 1));
        List<String> hostile = List.of(
                "/respond/" + "A".repeat(10_000),
                "/respond/abc%00def",
                "/respond/abc%0d%0aSet-Cookie:%20x=1",
                "/respond/'%20OR%201=1--",
                "/respond/abc%2Fdef",
                "/respond/..%2f..%2fetc%2fpasswd",
                "/respond/abc|def",
                "/respond/abc{}",
                "/respond/ab%zz",
                "/respond/abc;jsessionid=1",
                "/respond/abc%5c",
                "/follow-up/abc%00",
                "/follow-up/" + "B".repeat(10_000));
        for (String target : hostile) {
            var answer = RawHttp.get(port, target);
            String what = target.substring(0, Math.min(40, target.length()));
            assertThat(answer.status()).as(what).isIn(400, 404);
            assertThat(answer.body())
                    .as(what)
                    .doesNotContainIgnoringCase("tomcat")
                    .doesNotContain("HTTP Status")
                    .doesNotContain("Exception")
                    .containsAnyOf(
                            "Cette adresse n'est pas valide",
                            "This address is not valid",
                            "Ce lien ne peut pas être utilisé",
                            "This link cannot be used");
            assertThat(answer.header("Set-Cookie"))
                    .as(what + " sets no cookie from the path")
                    .isNull();
        }
    }

    @Test
    @DisplayName("A malformed engine query gets a 400 that says what to change, not a server error")
    void malformed_engine_queries_are_client_errors() {
        StaffClient claire = new StaffClient(baseUrl(), "claire", "demo");
        var inAddress = claire.get("/engine-rest/task?orQueries=x");
        assertThat(inAddress.statusCode()).as(inAddress.body()).isEqualTo(400);
        assertThat(inAddress.body())
                .contains("orQueries cannot be given in the address")
                .contains("POST /engine-rest/task");

        var forbiddenInOr = claire.postJson("/engine-rest/task", "{\"orQueries\": [{\"includeAssignedTasks\": true}]}");
        assertThat(forbiddenInOr.statusCode()).as(forbiddenInOr.body()).isEqualTo(400);
        assertThat(forbiddenInOr.body()).contains("Invalid query usage");

        var nullQuery = claire.postJson("/engine-rest/task", "{\"orQueries\": [null]}");
        assertThat(nullQuery.statusCode()).as(nullQuery.body()).isEqualTo(400);
        assertThat(nullQuery.body()).contains("null where a query object is expected");

        var paging = claire.get("/engine-rest/task?maxResults=ten");
        assertThat(paging.statusCode()).as(paging.body()).isEqualTo(400);
        assertThat(paging.body()).contains("maxResults are whole numbers");

        var good = claire.postJson("/engine-rest/task", "{\"orQueries\": [{\"name\": \"x\", \"assignee\": \"anna\"}]}");
        assertThat(good.statusCode())
                .as("a correct 'or' query still works: " + good.body())
                .isEqualTo(200);
    }

    @Test
    @DisplayName(
            "A NUL byte or bytes that are not UTF-8 in an answer are refused on their field, and nothing is stored")
    void unreadable_text_is_refused_on_its_field() {
        TestCampaign settings = campaign();
        Campaign campaign = launch(settings, customerLine(settings, "U1", "sme"));
        var customer = customer(campaign, "U1");
        String link = onlyMailTo(settings.email("u1")).responseLink();
        Browserless browser = new Browserless();
        String csrf = browser.get(link).csrf();
        Map<String, String> form = Map.of("Content-Type", "application/x-www-form-urlencoded");

        // a comment with an encoded NUL, a contact name whose bytes are Latin-1, not UTF-8
        var answer = browser.send(
                "POST",
                link,
                form,
                "_csrf=" + csrf + "&decision=REFUSE&refusalReason=OTHER"
                        + "&refusalComment=Nous%20pr%C3%A9f%C3%A9rons%00le%20papier"
                        + "&invoicingContactName=L%E9a%20Roux");
        assertThat(answer.status()).as(answer.body()).isEqualTo(422);
        assertThat(answer.body())
                .containsPattern("id=\"refusalComment-error\"[^>]*>[^<]*caractère de contrôle invisible")
                .containsPattern("id=\"invoicingContactName-error\"[^>]*>[^<]*n’ont pas pu être lus");
        assertThat(responses.ofCustomer(customer.id())).as("nothing stored").isEmpty();
        assertThat(customers.get(customer.id()).status()).isEqualTo(CustomerStatus.AWAITING_RESPONSE);

        // typed again properly, the same answer goes through, line breaks in the comment kept
        var corrected = browser.send(
                "POST",
                link,
                form,
                "_csrf=" + csrf + "&decision=REFUSE&refusalReason=OTHER"
                        + "&refusalComment=Nous%20pr%C3%A9f%C3%A9rons%0D%0Ale%20papier&invoicingContactName=L%C3%A9a%20Roux");
        assertThat(corrected.status()).as(corrected.body()).isEqualTo(302);
        assertThat(responses.ofCustomer(customer.id())).singleElement().satisfies(a -> assertThat(a.refusalComment())
                .isEqualTo("Nous préférons\r\nle papier"));
    }

    @Test
    @Order(Integer.MAX_VALUE) // last: it spends this machine's allowance on the customer pages
    @DisplayName(
            "A new X-Forwarded-For on each request does not escape the rate limit, nor change the address kept as evidence")
    void forged_forwarded_addresses_are_ignored() throws InterruptedException {
        int limited = 0;
        for (int i = 1; i <= 500 && limited == 0; i++) {
            Browserless attacker = new Browserless("198.51." + (i / 250) + "." + (i % 250));
            if (attacker.get(baseUrl() + "/respond/" + "Z".repeat(39) + String.format("%04d", i))
                            .status()
                    == 429) {
                limited = i;
            }
        }
        assertThat(limited)
                .as("refused once the real address has used its 300 a minute")
                .isBetween(301, 400);

        TestCampaign settings = campaign();
        Campaign campaign = launch(settings, customerLine(settings, "F1", "sme"));
        String link = onlyMailTo(settings.email("f1")).responseLink();
        // the address's allowance refills with real time (5 a second): wait for a few requests' worth
        Thread.sleep(2_000);
        var answered = new Browserless("203.0.113.99").answer(link, Map.of("decision", "ACCEPT"));
        assertThat(answered.status()).isEqualTo(302);
        var submitted = evidence.entries(customer(campaign, "F1").id()).stream()
                .filter(e -> e.type().name().equals("ANSWER_SUBMITTED"))
                .findFirst()
                .orElseThrow();
        assertThat(submitted.details()).doesNotContain("203.0.113.99").contains("127.0.0.1");
    }
}
