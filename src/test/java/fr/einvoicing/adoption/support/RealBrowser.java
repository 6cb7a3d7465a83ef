package fr.einvoicing.adoption.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's Chromium driven through Debian's chromedriver (packages chromium and chromium-driver),
 * headless, with nothing downloaded. CI installs both and sets {@code -Dbrowser.tests=required}, so a
 * missing browser fails there; elsewhere the browser tests are skipped with a message saying why.
 */
public final class RealBrowser {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private RealBrowser() {}

    public static ChromeDriver start() {
        return start("en-US,en");
    }

    /** A browser whose user prefers these languages (its Accept-Language), e.g. "fr-FR,fr". */
    public static ChromeDriver start(String languages) {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        String message =
                "Browser tests need Debian's chromium and chromium-driver (apt-get install -y chromium chromium-driver)";
        if (!present) {
            if ("required".equals(System.getProperty("browser.tests"))) {
                throw new IllegalStateException(message);
            }
            Assumptions.abort(message);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--lang=" + languages.split(",")[0]);
        options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", languages));
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--window-size=1280,1000");
        // the console is kept, so that tests can see what the page's security policy refused
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return driver;
    }

    /** What the page's Content-Security-Policy refused since the last call (the console is read and emptied). */
    public static List<String> policyViolations(ChromeDriver driver) {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(entry -> entry.getMessage())
                .filter(message -> message.contains("Content Security Policy") || message.contains("Refused to"))
                .toList();
    }
}
