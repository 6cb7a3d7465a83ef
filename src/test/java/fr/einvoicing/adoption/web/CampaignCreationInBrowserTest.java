package fr.einvoicing.adoption.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import fr.einvoicing.adoption.campaign.Campaign;
import fr.einvoicing.adoption.campaign.IssuerSize;
import fr.einvoicing.adoption.customer.CompanyIdentifiers;
import fr.einvoicing.adoption.support.EngineTestSupport;
import fr.einvoicing.adoption.support.RealBrowser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A campaign manager creates a campaign in a real browser: the page shows how far the customer file
 * has been read while it is imported, then the campaign page with what came of the file.
 */
class CampaignCreationInBrowserTest extends EngineTestSupport {

    private static final int ROWS = 15_000;

    private ChromeDriver browser;

    @TempDir
    Path folder;

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

    private Path customerFile() throws IOException {
        Path file = folder.resolve("customers.csv");
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("customer_id;company_name;contact_name;email;siren;siret;language;segment;account_manager\n");
            for (int i = 1; i <= ROWS; i++) {
                String siren = sirenFor(i);
                out.write(String.format(
                        Locale.ROOT,
                        "B%06d;Entreprise %d;Contact %d;contact%d@customer.example;%s;;fr;sme;anna%n",
                        i,
                        i,
                        i,
                        i,
                        siren));
            }
            out.write("BAD1;Sans adresse;Contact;;;;fr;sme;anna\n");
            out.write("BAD2;Mauvais SIREN;Contact;bad2@customer.example;123456789;;fr;sme;anna\n");
        }
        return file;
    }

    /** A valid SIREN (Luhn) built from a number. */
    private static String sirenFor(int n) {
        String base = String.format(Locale.ROOT, "%08d", n);
        for (int check = 0; check <= 9; check++) {
            if (CompanyIdentifiers.isValidSiren(base + check)) {
                return base + check;
            }
        }
        throw new IllegalStateException();
    }

    private void logIn(String user) {
        browser.get(baseUrl() + "/login");
        browser.findElement(By.name("username")).sendKeys(user);
        browser.findElement(By.name("password")).sendKeys("demo");
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        // the login posts and redirects: wait until it has, or the next page opens as the login page again
        waitUntil(() -> !browser.getCurrentUrl().contains("/login"), "logged in as " + user);
    }

    private void waitUntil(java.util.function.BooleanSupplier condition, String what) {
        org.awaitility.Awaitility.await(what + " (at " + browser.getCurrentUrl() + ")")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .ignoreExceptions()
                .until(condition::getAsBoolean);
    }

    /** The import status the page shows now, if it differs from the last one seen. */
    private void recordProgress(List<String> seen) {
        try {
            String text = browser.findElement(By.id("import-text")).getText();
            if (!text.isBlank() && (seen.isEmpty() || !seen.get(seen.size() - 1).startsWith(text + " | "))) {
                seen.add(text + " | bar "
                        + browser.findElement(By.id("import-bar")).getDomProperty("value"));
            }
        } catch (org.openqa.selenium.NoSuchElementException | org.openqa.selenium.StaleElementReferenceException e) {
            // the campaign page is loading
        }
    }

    private void type(String id, String value) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(value);
    }

    @Test
    void the_page_shows_rows_read_while_the_file_is_imported_then_the_campaign() throws Exception {
        Path file = customerFile();
        String code = campaign().code();
        logIn("claire");

        browser.get(baseUrl() + "/campaigns/new");
        assertThat(browser.findElement(By.id("import-status")).isDisplayed())
                .as("no progress before sending")
                .isFalse();
        type("code", code);
        type("name", "Campagne navigateur");
        // datetime-local fields take their value from script in every locale
        ((JavascriptExecutor) browser)
                .executeScript(
                        "document.getElementById('responseDeadline').value = arguments[0]",
                        now.atZone(PARIS).plusWeeks(5).toLocalDate() + "T18:00");
        type("contactName", "Claire Martin");
        type("contactEmail", "claire.martin@example.com");
        browser.findElement(By.cssSelector("#letterTemplate option[value='short']"))
                .click();
        browser.findElement(By.cssSelector("#issuerSize option[value='" + IssuerSize.LARGE.name() + "']"))
                .click();
        browser.findElement(By.id("customers")).sendKeys(file.toAbsolutePath().toString());
        browser.findElement(By.cssSelector("button.primary[type=submit]")).click();

        // watch the progress while the import runs, each new state once
        List<String> seen = new ArrayList<>();
        try {
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        recordProgress(seen);
                        return browser.getCurrentUrl().endsWith("/campaigns/" + code);
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no campaign page after the import (progress seen: " + seen + ")", e);
        }
        assertThat(seen).as("the progress the page showed").anySatisfy(line -> assertThat(line)
                .matches("Reading the customer file: [\\d,. \u202f\u00a0]+ rows read \\(\\d+ %\\).*"));
        assertThat(seen).as("rows read grow while the file is read").anySatisfy(line -> assertThat(line)
                .doesNotContain(": 0 rows read")
                .contains("rows read"));

        String page = browser.getPageSource();
        assertThat(page).contains("Large company").contains("short");
        assertThat(page)
                .as("the one-time notice of the redirect")
                .contains("15,000 customers imported, 2 rows rejected");
        Campaign campaign = campaigns.findByCode(code).orElseThrow();
        assertThat(customers.countByStatus(campaign.id()).values().stream()
                        .mapToLong(Long::longValue)
                        .sum())
                .isEqualTo(ROWS);
        assertThat(page)
                .contains("2 rows of the file were not imported")
                .contains("<td>" + (ROWS + 2) + "</td>")
                .contains("email is missing");

        // the campaign waits at "Review import errors": the manager replaces the file from the page
        Path corrected = folder.resolve("corrected.csv");
        Files.writeString(
                corrected,
                "customer_id;company_name;contact_name;email;siren;siret;language;segment;account_manager\n"
                        + "R1;Reprise 1;A;r1@customer.example;;;fr;sme;anna\n"
                        + "R2;Reprise 2;A;r2@customer.example;;;en;sme;anna\n"
                        + "R3;Reprise 3;A;r3@customer.example;;;fr;sme;anna\n",
                StandardCharsets.UTF_8);
        WebElement replace = browser.findElement(By.id("replace-file"));
        replace.findElement(By.name("customers"))
                .sendKeys(corrected.toAbsolutePath().toString());
        replace.findElement(By.cssSelector("button[type=submit]")).click();
        waitUntil(() -> browser.getPageSource().contains("Customer file replaced"), "the file replaced");
        assertThat(browser.getPageSource())
                .contains("Customer file replaced: 3 customers imported, 0 rows rejected.")
                .doesNotContain("rows of the file were not imported");
        assertThat(customers.count(campaign.id())).isEqualTo(3);
        assertThat(taskService
                        .createTaskQuery()
                        .processInstanceBusinessKey(code)
                        .taskDefinitionKey("Task_ReviewImportErrors")
                        .count())
                .isZero();
    }

    @Test
    void a_settings_error_comes_back_next_to_its_field_without_losing_what_was_typed() throws Exception {
        logIn("claire");
        browser.get(baseUrl() + "/campaigns/new");
        type("code", "x");
        type("name", "Campagne à corriger");
        type("contactName", "Claire Martin");
        type("contactEmail", "claire.martin@example.com");
        browser.findElement(By.id("customers"))
                .sendKeys(customerFile().toAbsolutePath().toString());
        browser.findElement(By.cssSelector("button.primary[type=submit]")).click();

        waitUntil(() -> !browser.findElements(By.cssSelector(".error-summary")).isEmpty(), "the import errors shown");
        assertThat(browser.findElement(By.cssSelector(".error-summary")).getText())
                .contains("need a correction");
        assertThat(browser.findElement(By.id("name")).getDomProperty("value")).isEqualTo("Campagne à corriger");
        assertThat(browser.getPageSource()).contains("2 to 40 letters");
        assertThat(campaigns.exists("x")).isFalse();
    }
}
