package fr.einvoicing.adoption.web;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

import fr.einvoicing.adoption.campaign.Campaign;
import fr.einvoicing.adoption.support.EngineTestSupport;
import fr.einvoicing.adoption.support.RealBrowser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A campaign manager whose browser prefers French: the login, the campaign list and the campaign
 * page come in French with French dates and numbers; the top bar's switch turns them English, and the
 * choice stays with the user at the next login, whatever the browser says.
 */
class StaffPagesInFrenchInBrowserTest extends EngineTestSupport {

    private ChromeDriver browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private void logIn(String user) {
        browser.get(baseUrl() + "/login");
        browser.findElement(By.name("username")).sendKeys(user);
        browser.findElement(By.name("password")).sendKeys("demo");
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        waitUntil(() -> !browser.getCurrentUrl().contains("/login"), "logged in as " + user);
    }

    private void waitUntil(java.util.function.BooleanSupplier condition, String what) {
        org.awaitility.Awaitility.await(what)
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .ignoreExceptions()
                .until(condition::getAsBoolean);
    }

    private Campaign campaignOf(int customers) throws Exception {
        TestCampaign settings = campaign();
        StringBuilder csv = new StringBuilder(
                "customer_id;company_name;contact_name;email;siren;siret;language;segment;account_manager\n");
        for (int i = 1; i <= customers; i++) {
            csv.append("F")
                    .append(i)
                    .append(";Entreprise ")
                    .append(i)
                    .append(";Contact;")
                    .append(settings.email("f" + i))
                    .append(";;;fr;sme;anna\n");
        }
        csv.append("BAD;Sans adresse;Contact;;;;fr;sme;anna\n");
        return creation.create(
                        settings.toSettings(),
                        new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)),
                        "claire",
                        n -> {},
                        false)
                .campaign();
    }

    private String body() {
        return browser.findElement(By.tagName("body")).getText();
    }

    @Test
    void a_french_browser_gets_the_campaign_page_in_french_and_the_switch_is_remembered_for_the_user()
            throws Exception {
        Campaign campaign = campaignOf(1234);
        Campaign toApprove = awaitingApproval(campaign());
        browser = RealBrowser.start("fr-FR,fr");

        browser.get(baseUrl() + "/login");
        assertThat(browser.findElement(By.cssSelector("label[for=username]")).getText())
                .isEqualTo("Identifiant");
        logIn("marc");

        browser.get(baseUrl() + "/campaigns");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Campagnes");
        assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang"))
                .isEqualTo("fr");

        browser.get(baseUrl() + "/campaigns/" + campaign.code());
        String page = browser.findElement(By.tagName("main")).getText();
        assertThat(page)
                .contains("Entonnoir")
                .contains("Où en sont les clients")
                .contains("Tâches ouvertes")
                .contains("Chargés de clientèle")
                .contains("Pas commencé")
                .contains("Vérification du courrier")
                .contains("relance 7 jours avant")
                .doesNotContain("Funnel")
                .doesNotContain("Where customers stand")
                .doesNotContain("Not started");
        // numbers and dates as a French reader writes them: 1 234, 30 nov. 2026
        assertThat(page).containsPattern("1[\u00a0\u202f ]234 clients");
        assertThat(page).contains("Date limite 30 nov. 2026 18:00 Europe/Paris");
        assertThat(page).contains("1 ligne du fichier n’a pas été importée");
        assertThat(page).as("the reason, in French").contains("email manque");

        // Tasklist follows the browser too, with the application's French locale
        browser.get(baseUrl() + "/camunda/app/tasklist/default/");
        waitUntil(
                () -> browser.findElement(By.tagName("body")).getText().contains("Choisissez une tâche dans la liste"),
                "Tasklist in French");
        assertThat(browser.findElement(By.tagName("body")).getText())
                .contains("Démarrer un processus")
                .doesNotContain("Select a task")
                .doesNotContain("Start process");
        assertThat(RealBrowser.policyViolations(browser))
                .as("Tasklist with its French locale")
                .isEmpty();
        // the tasks, their shared filters and their forms are in the operators' language (fr by default)
        String approval = "Approuver la campagne · " + toApprove.code();
        waitUntil(
                () -> body().contains("Tâches de mon groupe") && body().contains(approval), "the approval task listed");
        browser.findElement(By.xpath("//a[contains(normalize-space(.), '" + approval + "')]"))
                .click();
        waitUntil(() -> body().contains("Approuver : envoyer les courriers"), "the approval form in French");
        assertThat(body())
                .contains("Renvoyer pour révision", "Créée par", "Décision", "Responsables de campagne")
                .doesNotContain("Send back for revision");
        assertThat(RealBrowser.policyViolations(browser)).as("the French form").isEmpty();
        assertThat(body()).as("relative dates in French").contains("il y a").doesNotContain(" ago");
        assertThat(loadedLocaleFiles())
                .as("only the French labels are fetched, so no other file can switch the dates' language")
                .isNotEmpty()
                .allMatch(file -> file.endsWith("/locales/fr.json"));

        // Cockpit too: its dashboard, the process list and an instance's page
        browser.get(baseUrl() + "/camunda/app/cockpit/default/#/dashboard");
        waitUntil(() -> body().contains("Instances de processus en cours"), "Cockpit in French");
        assertThat(body())
                .contains("Tâches utilisateur ouvertes", "Incidents ouverts", "Déploiements")
                .doesNotContain("Running Process Instances")
                .doesNotContain("Open Incidents");
        browser.get(baseUrl() + "/camunda/app/cockpit/default/#/processes");
        waitUntil(
                () -> body().contains("définitions de processus déployées") && !body().contains("Chargement"),
                "Cockpit's process list in French");
        assertThat(body())
                .as("the processes under their French names")
                .contains("Campagne de passage à la facture électronique", "Parcours client")
                .doesNotContain("process definitions deployed");
        assertThat(RealBrowser.policyViolations(browser))
                .as("Cockpit with its French locale")
                .isEmpty();
        browser.get(baseUrl() + "/campaigns/" + campaign.code());

        // English from the top bar, and still English at the next login although the browser prefers French
        browser.findElement(By.cssSelector(".language-switch button[value=en]")).click();
        waitUntil(() -> browser.findElement(By.tagName("main")).getText().contains("Funnel"), "the page in English");
        assertThat(browser.getCurrentUrl()).as("back on the same page").endsWith("/campaigns/" + campaign.code());
        assertThat(browser.findElement(By.tagName("main")).getText())
                .contains("30 Nov 2026 18:00")
                .containsPattern("1,234 customers")
                .contains("email is missing");
        browser.findElement(By.cssSelector("form[action$='/logout'] button")).click();
        logIn("marc");
        browser.get(baseUrl() + "/campaigns");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Campaigns");

        browser.findElement(By.cssSelector(".language-switch button[value=fr]")).click();
        waitUntil(() -> browser.findElement(By.tagName("h1")).getText().equals("Campagnes"), "French again");
        assertThat(RealBrowser.policyViolations(browser))
                .as("the switch needs no inline script")
                .isEmpty();
    }

    @Test
    void camunda_admin_speaks_french_to_a_french_browser() {
        browser = RealBrowser.start("fr-FR,fr");
        logIn("admin");
        browser.get(baseUrl() + "/camunda/app/admin/default/#/users");
        waitUntil(() -> body().contains("Liste des utilisateurs"), "Admin in French");
        assertThat(body())
                .contains("Ajouter un utilisateur", "Groupes", "Autorisations")
                .doesNotContain("List of Users")
                .doesNotContain("Add a user");
        browser.get(baseUrl() + "/camunda/app/admin/default/#/groups");
        waitUntil(() -> body().contains("Liste des groupes"), "Admin's groups in French");
        assertThat(body()).as("the groups carry their French names").contains("Responsables de campagne");
        assertThat(RealBrowser.policyViolations(browser))
                .as("Admin with its French locale")
                .isEmpty();
    }

    @SuppressWarnings("unchecked")
    private List<String> loadedLocaleFiles() {
        List<Object> names = (List<Object>) ((JavascriptExecutor) browser)
                .executeScript("return performance.getEntriesByType('resource').map(e => e.name)"
                        + ".filter(n => n.includes('/locales/'));");
        return names.stream()
                .map(name -> name.toString().replaceAll("\\?.*$", ""))
                .toList();
    }
}
