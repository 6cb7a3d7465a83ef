package fr.einvoicing.adoption.support;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import fr.einvoicing.adoption.campaign.Campaign;
import fr.einvoicing.adoption.campaign.CampaignCreation;
import fr.einvoicing.adoption.campaign.CampaignService;
import fr.einvoicing.adoption.campaign.CampaignSettings;
import fr.einvoicing.adoption.campaign.Campaigns;
import fr.einvoicing.adoption.campaign.IssuerSize;
import fr.einvoicing.adoption.consent.EvidenceEntry;
import fr.einvoicing.adoption.consent.EvidenceLog;
import fr.einvoicing.adoption.consent.EvidenceType;
import fr.einvoicing.adoption.customer.CampaignCustomer;
import fr.einvoicing.adoption.customer.CampaignCustomers;
import fr.einvoicing.adoption.response.PendingAnswerRelay;

/**
 * The application as it runs, on H2, with a real SMTP relay and real HTTP, but with
 * the job executor off: tests run jobs and move the engine's clock themselves, so that a deadline
 * weeks away passes in a millisecond and nothing happens behind the test's back.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ActiveProfiles("test")
// Camunda's REST API and webapps find the engine in a JVM-wide registry, by name: two live
// contexts (two engines named "default") would steal each other's registration.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public abstract class EngineTestBase {

    protected static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final AtomicInteger CAMPAIGNS = new AtomicInteger();

    @Autowired
    protected ProcessEngine engine;

    @Autowired
    protected RuntimeService runtimeService;

    @Autowired
    protected TaskService taskService;

    @Autowired
    protected ManagementService managementService;

    @Autowired
    protected HistoryService historyService;

    @Autowired
    protected CampaignService campaignService;

    @Autowired
    protected CampaignCreation creation;

    @Autowired
    protected fr.einvoicing.adoption.campaign.process.CampaignLifecycle lifecycle;

    @Autowired
    protected Campaigns campaigns;

    @Autowired
    protected CampaignCustomers customers;

    @Autowired
    protected EvidenceLog evidence;

    @Autowired
    protected PendingAnswerRelay relay;

    /** "Now" for this test: a fixed instant, moved only by the test. */
    protected Instant now;

    @BeforeEach
    void startClock() {
        BpmnAwareTests.init(engine);
        now = ZonedDateTime.of(2026, 11, 2, 9, 0, 0, 0, PARIS).toInstant();
        ClockUtil.setCurrentTime(Date.from(now));
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
        BpmnAwareTests.reset();
    }

    /** Where this context's HTTP server answers. */
    protected abstract String baseUrl();

    // ---- time -------------------------------------------------------------------------------

    protected void moveClockTo(Instant instant) {
        now = instant;
        ClockUtil.setCurrentTime(Date.from(instant));
    }

    protected void moveClock(Duration duration) {
        moveClockTo(now.plus(duration));
    }

    // ---- campaigns --------------------------------------------------------------------------

    /** A campaign's settings, deadline four weeks ahead, silence counting, a reminder a week before. */
    protected TestCampaign campaign() {
        String code = "T" + CAMPAIGNS.incrementAndGet() + "-"
                + Long.toString(System.nanoTime() % 100000, 36).toUpperCase(Locale.ROOT);
        return new TestCampaign(
                code, now.atZone(PARIS).plusWeeks(4).withHour(18).withMinute(0), true, Duration.ofDays(7), null, null);
    }

    public record TestCampaign(
            String code,
            ZonedDateTime deadline,
            boolean silenceMeansAcceptance,
            Duration reminderBefore,
            IssuerSize issuerSize,
            String letterTemplate) {
        public TestCampaign deadline(ZonedDateTime d) {
            return new TestCampaign(code, d, silenceMeansAcceptance, reminderBefore, issuerSize, letterTemplate);
        }

        public TestCampaign silenceMeansAcceptance(boolean s) {
            return new TestCampaign(code, deadline, s, reminderBefore, issuerSize, letterTemplate);
        }

        public TestCampaign issuerSize(IssuerSize size) {
            return new TestCampaign(code, deadline, silenceMeansAcceptance, reminderBefore, size, letterTemplate);
        }

        public TestCampaign letterTemplate(String set) {
            return new TestCampaign(code, deadline, silenceMeansAcceptance, reminderBefore, issuerSize, set);
        }

        public TestCampaign reminderBefore(Duration r) {
            return new TestCampaign(code, deadline, silenceMeansAcceptance, r, issuerSize, letterTemplate);
        }

        public CampaignSettings toSettings() {
            return toSettings(null);
        }

        /** The settings the page or the API would send, sending at most {@code lettersPerHour} (null: default). */
        public CampaignSettings toSettings(Integer lettersPerHour) {
            return new CampaignSettings(
                    code,
                    "Passage à la facture électronique",
                    "fr",
                    deadline.toLocalDateTime(),
                    deadline.getZone().getId(),
                    reminderBefore,
                    silenceMeansAcceptance,
                    LocalDate.of(2027, 1, 15),
                    deadline.minusDays(14).withHour(11).toLocalDateTime(),
                    "https://webinar.example.com/einvoicing",
                    "https://example.com/faq",
                    true,
                    "Claire Martin",
                    "claire.martin@example.com",
                    "+33 1 23 45 67 89",
                    "CGV-2026-11",
                    "https://example.com/cgv",
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    java.util.List.of(deadline.minusDays(10).withHour(14).toLocalDateTime()),
                    lettersPerHour,
                    issuerSize,
                    letterTemplate);
        }

        /** An e-mail address unique to this campaign, so that tests never read each other's mail. */
        public String email(String local) {
            return local + "+" + code.toLowerCase(Locale.ROOT) + "@customer.example";
        }
    }

    /** One customer line of a campaign file. */
    public record CustomerLine(
            String id,
            String company,
            String contact,
            String email,
            String siren,
            String siret,
            String language,
            String segment,
            String accountManager,
            String country,
            String vatRegistered,
            String publicEntity) {

        public CustomerLine(
                String id,
                String company,
                String contact,
                String email,
                String siren,
                String siret,
                String language,
                String segment,
                String accountManager) {
            this(id, company, contact, email, siren, siret, language, segment, accountManager, "", "", "");
        }

        /** The same customer with the consent-decision columns (empty: the file's defaults). */
        public CustomerLine consentFacts(String country, String vatRegistered, String publicEntity) {
            return new CustomerLine(
                    id,
                    company,
                    contact,
                    email,
                    siren,
                    siret,
                    language,
                    segment,
                    accountManager,
                    country,
                    vatRegistered,
                    publicEntity);
        }

        String csv() {
            return String.join(
                    ";",
                    id,
                    company,
                    contact,
                    email,
                    siren,
                    siret,
                    language,
                    segment,
                    accountManager,
                    country,
                    vatRegistered,
                    publicEntity);
        }
    }

    protected CustomerLine customerLine(TestCampaign settings, String id, String segment) {
        return new CustomerLine(
                id,
                "Boulangerie " + id,
                "Julie Martin",
                settings.email(id.toLowerCase(Locale.ROOT)),
                "412345670",
                "41234567000019",
                "fr",
                segment,
                "anna");
    }

    /** A clean one-customer campaign created by claire, its process waiting at the four-eyes approval. */
    protected Campaign awaitingApproval(TestCampaign settings) {
        String csv = "customer_id;company_name;contact_name;email;siren;siret;language;segment;account_manager\n"
                + "A1;Entreprise A1;Contact;" + settings.email("a1") + ";412345670;41234567000019;fr;sme;anna\n";
        try {
            var created = creation.create(
                    settings.toSettings(),
                    new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
                    "claire",
                    n -> {},
                    true);
            runJobs();
            return created.campaign();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Creates the campaign from the lines, launches it, and runs the jobs: the letters go out. */
    protected Campaign launch(TestCampaign settings, CustomerLine... lines) {
        Campaign campaign = startJourneys(settings, lines);
        runJobs();
        return campaign;
    }

    /** Creates the campaign and starts the journeys; no job has run yet. */
    protected Campaign startJourneys(TestCampaign settings, CustomerLine... lines) {
        StringBuilder csv = new StringBuilder(
                "customer_id;company_name;contact_name;email;siren;siret;language;segment;account_manager;country;vat_registered;public_entity\n");
        for (CustomerLine line : lines) {
            csv.append(line.csv()).append('\n');
        }
        try {
            // without the campaign's own process: every journey at once, as its waves would start them
            var created = creation.create(
                    settings.toSettings(),
                    new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)),
                    "claire",
                    n -> {},
                    false);
            campaignService.launchWave(created.campaign().id(), Integer.MAX_VALUE);
            return created.campaign();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    protected CampaignCustomer customer(Campaign campaign, String customerId) {
        return customers.findByCustomerId(campaign.id(), customerId).orElseThrow();
    }

    protected List<EvidenceType> evidenceTypes(CampaignCustomer customer) {
        return evidence.entries(customer.id()).stream().map(EvidenceEntry::type).toList();
    }

    // ---- engine -----------------------------------------------------------------------------

    /** Runs every job due at the engine's current time, and the jobs those create, until none is left. */
    protected void runJobs() {
        for (int round = 0; round < 500; round++) {
            // one at a time: a job can remove others (a deadline cancels the reminder timer)
            List<Job> due = managementService
                    .createJobQuery()
                    .executable()
                    .orderByJobDuedate()
                    .asc()
                    .listPage(0, 1);
            if (due.isEmpty()) {
                return;
            }
            managementService.executeJob(due.get(0).getId());
        }
        throw new AssertionError("Jobs keep coming after 500 runs");
    }

    /** Runs the due jobs one by one until the condition holds. */
    protected void runJobsUntil(java.util.function.BooleanSupplier condition) {
        for (int run = 0; run < 100 && !condition.getAsBoolean(); run++) {
            List<Job> due = managementService
                    .createJobQuery()
                    .executable()
                    .orderByJobDuedate()
                    .asc()
                    .listPage(0, 1);
            if (due.isEmpty()) {
                break;
            }
            managementService.executeJob(due.get(0).getId());
        }
        if (!condition.getAsBoolean()) {
            throw new AssertionError("The jobs ran out before the condition held");
        }
    }

    protected String processInstanceId(CampaignCustomer customer) {
        return customers.get(customer.id()).processInstanceId();
    }

    protected HistoricProcessInstance history(CampaignCustomer customer) {
        return historyService
                .createHistoricProcessInstanceQuery()
                .processInstanceId(processInstanceId(customer))
                .singleResult();
    }

    protected Task task(CampaignCustomer customer, String taskDefinitionKey) {
        return taskService
                .createTaskQuery()
                .processInstanceId(processInstanceId(customer))
                .taskDefinitionKey(taskDefinitionKey)
                .singleResult();
    }

    protected ReceivedMail onlyMailTo(String email) {
        var mails = TestMailServer.mailsTo(email);
        if (mails.size() != 1) {
            throw new AssertionError("Expected one mail to " + email + ", got " + mails.size());
        }
        return ReceivedMail.of(mails.get(0));
    }

    protected List<ReceivedMail> mailsTo(String email) {
        return TestMailServer.mailsTo(email).stream().map(ReceivedMail::of).toList();
    }
}
