package fr.einvoicing.adoption.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

import fr.einvoicing.adoption.campaign.process.CampaignLifecycle;
import fr.einvoicing.adoption.letter.LetterReview;
import fr.einvoicing.adoption.campaign.Campaign;
import fr.einvoicing.adoption.campaign.CampaignService;
import fr.einvoicing.adoption.campaign.CampaignSettingsValidator;
import fr.einvoicing.adoption.campaign.CampaignValidationException;
import fr.einvoicing.adoption.campaign.Campaigns;
import fr.einvoicing.adoption.campaign.NewCampaign;
import fr.einvoicing.adoption.customer.CampaignCustomer;
import fr.einvoicing.adoption.customer.CampaignCustomers;
import fr.einvoicing.adoption.customer.CustomerFileRejectedException;
import fr.einvoicing.adoption.customer.CustomerImporter;
import fr.einvoicing.adoption.customer.RowProblem;

/**
 * The campaign REST API (HTTP Basic, campaign managers). Documented with curl examples in the README.
 */
@RestController
@RequestMapping(value = "/api/campaigns", produces = MediaType.APPLICATION_JSON_VALUE)
public class CampaignApi {

    private final LetterReview letterReview;
    private final CampaignLifecycle lifecycle;

    private final Campaigns campaigns;
    private final CampaignCustomers customers;
    private final CampaignService service;
    private final CampaignSettingsValidator validator;
    private final CustomerImporter importer;

    public CampaignApi(CampaignLifecycle lifecycle,
                       LetterReview letterReview, Campaigns campaigns, CampaignCustomers customers, CampaignService service,
                       CampaignSettingsValidator validator, CustomerImporter importer) {
        this.letterReview = letterReview;
        this.lifecycle = lifecycle;
        this.campaigns = campaigns;
        this.customers = customers;
        this.service = service;
        this.validator = validator;
        this.importer = importer;
    }

    /** Creates a campaign from its settings (JSON part "settings") and customer file (part "customers"). */
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public ResponseEntity<Map<String, Object>> create(@RequestPart("settings") NewCampaign settings,
                                                      @RequestPart("customers") MultipartFile file,
                                                      @RequestParam(defaultValue = "true") boolean start,
                                                      Principal user) throws IOException {
        Map<String, String> errors = validator.check(settings);
        if (!errors.isEmpty()) {
            throw new CampaignValidationException(errors);
        }
        CampaignService.Created created;
        try (InputStream in = file.getInputStream()) {
            created = service.create(settings, in, user.getName(), rows -> { });
        }
        String processInstance = start ? lifecycle.start(created) : null;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", created.campaign().code());
        body.put("rowsRead", created.imported().rowsRead());
        body.put("imported", created.imported().imported());
        body.put("rejected", created.imported().rejected());
        body.put("campaignProcess", processInstance);
        body.put("importProblems", "/api/campaigns/" + created.campaign().code() + "/import-problems");
        return ResponseEntity.created(URI.create("/api/campaigns/" + created.campaign().code())).body(body);
    }

    @GetMapping
    public List<Map<String, Object>> list() {
        return campaigns.all().stream().map(c -> summary(c)).toList();
    }

    @GetMapping("/{code}")
    public Map<String, Object> get(@PathVariable String code) {
        Campaign campaign = find(code);
        Map<String, Object> body = summary(campaign);
        body.put("customersByStatus", customers.countByStatus(campaign.id()));
        body.put("importProblems", importer.problemCount(campaign.id()));
        return body;
    }

    @GetMapping("/{code}/customers")
    public List<Map<String, Object>> customers(@PathVariable String code, @RequestParam(defaultValue = "") String q,
                                               @RequestParam(defaultValue = "0") int page,
                                               @RequestParam(defaultValue = "100") int size) {
        Campaign campaign = find(code);
        int bounded = Math.min(Math.max(size, 1), 1000);
        return customers.page(campaign.id(), q, Math.max(page, 0) * bounded, bounded).stream()
                .map(CampaignApi::customer).toList();
    }

    @GetMapping("/{code}/import-problems")
    public List<RowProblem> importProblems(@PathVariable String code) {
        return importer.problems(find(code).id(), 10_000);
    }

    /**
     * Creates a follow-up campaign (JSON settings) whose customers are those of {@code code} who refused
     * or could not be reached.
     */
    @PostMapping(value = "/{code}/follow-up", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Object>> followUp(@PathVariable String code, @RequestBody NewCampaign settings,
                                                        @RequestParam(defaultValue = "true") boolean start,
                                                        Principal user) {
        Campaign previous = find(code);
        Map<String, String> errors = validator.check(settings);
        if (!errors.isEmpty()) {
            throw new CampaignValidationException(errors);
        }
        CampaignService.Created created = service.createFollowUp(settings, previous, user.getName());
        String processInstance = start ? lifecycle.start(created) : null;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", created.campaign().code());
        body.put("followUpOf", previous.code());
        body.put("customers", created.imported().imported());
        body.put("campaignProcess", processInstance);
        return ResponseEntity.created(URI.create("/api/campaigns/" + created.campaign().code())).body(body);
    }

    /**
     * Replaces the customer file while the campaign waits at "Review import errors" (part "customers");
     * 409 when the campaign is past that point.
     */
    @PutMapping(value = "/{code}/customer-file", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public ResponseEntity<Map<String, Object>> replaceFile(@PathVariable String code,
                                                           @RequestPart("customers") MultipartFile file,
                                                           Principal user) throws IOException {
        var replaced = lifecycle.replaceCustomerFile(find(code), file::getInputStream, user.getName(), rows -> { });
        if (replaced.isEmpty()) {
            return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error",
                    "The file can be replaced only while the campaign waits at \"Review import errors\""));
        }
        var summary = replaced.get();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("rowsRead", summary.rowsRead());
        body.put("imported", summary.imported());
        body.put("rejected", summary.rejected());
        return ResponseEntity.ok(body);
    }

    /** Deletes a campaign nobody has been written to yet; 409 once letters have gone out. */
    @DeleteMapping("/{code}")
    public ResponseEntity<Map<String, Object>> deleteDraft(@PathVariable String code, Principal user) {
        Campaign campaign = find(code);
        try {
            lifecycle.deleteDraft(campaign, user.getName());
        } catch (CampaignValidationException e) {
            return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", "Campaign is not a draft",
                    "fieldErrors", e.fieldErrors()));
        }
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{code}/pause")
    public Map<String, Object> pause(@PathVariable String code) {
        return Map.of("paused", lifecycle.pause(find(code)));
    }

    @PostMapping("/{code}/resume")
    public Map<String, Object> resume(@PathVariable String code) {
        return Map.of("resumed", lifecycle.resume(find(code)));
    }

    /** The campaign's letter in French and English, read against the letter rules. */
    @GetMapping("/{code}/letter-check")
    public List<Map<String, Object>> letterCheck(@PathVariable String code) {
        Campaign campaign = find(code);
        return letterReview.review(campaign).stream().map(c -> {
            Map<String, Object> body = new java.util.LinkedHashMap<>();
            body.put("letter", c.kind().name());
            body.put("language", c.language());
            body.put("templateVersion", c.templateVersion());
            body.put("clean", c.findings().isEmpty());
            body.put("findings", c.findings());
            return body;
        }).toList();
    }

    @ExceptionHandler(CampaignValidationException.class)
    public ResponseEntity<Map<String, Object>> invalid(CampaignValidationException e) {
        return ResponseEntity.unprocessableEntity().body(Map.of("error", "Invalid campaign settings",
                "fieldErrors", e.fieldErrors()));
    }

    @ExceptionHandler(CustomerFileRejectedException.class)
    public ResponseEntity<Map<String, Object>> fileRejected(CustomerFileRejectedException e) {
        return ResponseEntity.unprocessableEntity().body(Map.of("error", "Customer file refused",
                "fieldErrors", Map.of("customers", e.getMessage())));
    }

    private Campaign find(String code) {
        return campaigns.findByCode(code)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No campaign " + code));
    }

    private static Map<String, Object> summary(Campaign c) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", c.code());
        body.put("name", c.name());
        body.put("status", c.status());
        body.put("responseDeadline", c.responseDeadline().toOffsetDateTime());
        body.put("deadlineZone", c.zone().getId());
        body.put("reminderBefore", c.reminderBefore());
        body.put("silenceMeansAcceptance", c.silenceMeansAcceptance());
        body.put("createdBy", c.createdBy());
        body.put("createdAt", c.createdAt());
        return body;
    }

    private static Map<String, Object> customer(CampaignCustomer c) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("customerId", c.customerId());
        body.put("businessKey", c.businessKey());
        body.put("companyName", c.companyName());
        body.put("status", c.status());
        body.put("responseDeadline", c.responseDeadline());
        body.put("letterDelivered", c.letterDelivered());
        body.put("outcomeAt", c.outcomeAt());
        body.put("outcomeBy", c.outcomeBy());
        body.put("processInstanceId", c.processInstanceId());
        return body;
    }
}
