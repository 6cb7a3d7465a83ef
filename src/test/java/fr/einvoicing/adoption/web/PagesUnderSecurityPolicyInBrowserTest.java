package fr.einvoicing.adoption.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

import fr.einvoicing.adoption.campaign.Campaign;
import fr.einvoicing.adoption.support.EngineTestSupport;
import fr.einvoicing.adoption.support.RealBrowser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every page works under its Content-Security-Policy in a real browser: the customer's page with
 * no script at all and never in a frame, our staff pages with scripts from our own files only, and
 * Cockpit and Tasklist under the policy they send themselves.
 */
class PagesUnderSecurityPolicyInBrowserTest extends EngineTestSupport {

    private ChromeDriver browser;

    @BeforeEach
    void openBrowser() {
        browser = RealBrowser.start();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private HttpResponse<Void> head(String url) throws Exception {
        return HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.discarding());
    }

    private void logIn(String user) {
        browser.manage().deleteAllCookies();
        browser.get(baseUrl() + "/login");
        browser.findElement(By.name("username")).sendKeys(user);
        browser.findElement(By.name("password")).sendKeys("demo");
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        waitUntil(() -> !browser.getCurrentUrl().contains("/login"), "logged in as " + user);
    }

    private void waitUntil(BooleanSupplier condition, String what) {
        org.awaitility.Awaitility.await(what + " (at " + browser.getCurrentUrl() + ")")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(50))
                .ignoreExceptions()
                .until(condition::getAsBoolean);
    }

    private String text() {
        return browser.findElement(By.tagName("body")).getText();
    }

    private Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    @Test
    @DisplayName("The customer's page carries a strict policy, is styled, and refuses to be framed")
    void the_customer_page_works_under_a_strict_policy() throws Exception {
        TestCampaign settings = campaign();
        launch(settings, customerLine(settings, "P1", "sme"));
        String link = onlyMailTo(settings.email("p1")).responseLink();

        var headers = head(link).headers();
        assertThat(headers.allValues("Content-Security-Policy"))
                .singleElement()
                .asString()
                .contains("default-src 'none'")
                .contains("frame-ancestors 'none'")
                .doesNotContain("script-src")
                .doesNotContain("unsafe-inline");
        assertThat(headers.firstValue("X-Frame-Options")).hasValue("DENY");

        browser.get(link);
        assertThat(browser.findElements(By.cssSelector("form input[name=decision]")))
                .isNotEmpty();
        assertThat(js("return getComputedStyle(document.querySelector('main')).maxWidth"))
                .as("our stylesheet applies")
                .isNotEqualTo("none");
        assertThat(RealBrowser.policyViolations(browser)).isEmpty();

        // a page elsewhere that puts the customer's page in a frame gets nothing shown
        browser.get("data:text/html,<iframe id=f src='" + link + "'></iframe>");
        Thread.sleep(1500);
        browser.switchTo().frame("f");
        assertThat(browser.findElements(By.cssSelector("input[name=decision]")))
                .as("the browser refused the frame")
                .isEmpty();
        browser.switchTo().defaultContent();
    }

    @Test
    @DisplayName("Staff pages, Cockpit and Tasklist load with their policies and nothing is refused")
    void staff_pages_cockpit_and_tasklist_load_under_their_policies() throws Exception {
        TestCampaign settings = campaign();
        Campaign campaign = launch(settings, customerLine(settings, "S1", "sme"));

        var staff = head(baseUrl() + "/login").headers();
        assertThat(staff.allValues("Content-Security-Policy"))
                .singleElement()
                .asString()
                .contains("script-src 'self'")
                .doesNotContain("unsafe-eval");
        assertThat(staff.firstValue("X-Frame-Options")).hasValue("SAMEORIGIN");

        logIn("claire");
        browser.get(baseUrl() + "/campaigns/" + campaign.code());
        assertThat(text()).contains(campaign.code());
        browser.get(baseUrl() + "/campaigns/new");
        assertThat(js("return document.querySelector('form[data-progress-url]') !== null"))
                .isEqualTo(true);
        assertThat(RealBrowser.policyViolations(browser)).as("our pages").isEmpty();

        browser.get(baseUrl() + "/api-docs/ui");
        waitUntil(
                () -> text().contains("createCampaign") || text().contains("Create a campaign from its settings"),
                "Swagger UI shows the API's operations");
        assertThat(text()).contains("E-invoicing adoption campaigns API");
        assertThat(RealBrowser.policyViolations(browser)).as("Swagger UI").isEmpty();

        browser.get(baseUrl() + "/camunda/app/cockpit/default/");
        waitUntil(() -> text().contains("Process Definitions"), "Cockpit shows its dashboard");
        browser.get(baseUrl() + "/camunda/app/cockpit/default/#/processes");
        waitUntil(
                () -> text().contains("Customer adoption") || text().contains("customer-adoption"),
                "Cockpit lists the deployed processes");
        assertThat(RealBrowser.policyViolations(browser)).as("Cockpit").isEmpty();

        logIn("sam");
        browser.get(baseUrl() + "/camunda/app/tasklist/default/");
        waitUntil(
                () -> text().contains("Tâches de mon groupe"),
                "Tasklist shows the group filter, named in the operators' language");
        assertThat(RealBrowser.policyViolations(browser)).as("Tasklist").isEmpty();
    }
}
