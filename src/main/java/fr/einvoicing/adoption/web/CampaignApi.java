package fr.einvoicing.adoption.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
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
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Encoding;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import fr.einvoicing.adoption.campaign.Campaign;
import fr.einvoicing.adoption.campaign.CampaignCreation;
import fr.einvoicing.adoption.campaign.CampaignProcesses;
import fr.einvoicing.adoption.campaign.CampaignService;
import fr.einvoicing.adoption.campaign.CampaignSettings;
import fr.einvoicing.adoption.campaign.CampaignStatus;
import fr.einvoicing.adoption.campaign.CampaignValidationException;
import fr.einvoicing.adoption.campaign.Campaigns;
import fr.einvoicing.adoption.customer.CampaignCustomer;
import fr.einvoicing.adoption.customer.CampaignCustomers;
import fr.einvoicing.adoption.customer.CustomerFileRejectedException;
import fr.einvoicing.adoption.customer.CustomerImporter;
import fr.einvoicing.adoption.customer.CustomerStatus;
import fr.einvoicing.adoption.customer.RowProblem;
import fr.einvoicing.adoption.letter.LetterChecker;
import fr.einvoicing.adoption.letter.LetterReview;

/**
 * The campaign REST API (HTTP Basic, campaign managers). Described in OpenAPI 3 at
 * {@code /api-docs/openapi.json} (see {@link ApiDocumentation}); the README shows curl examples.
 */
@RestController
@RequestMapping(value = "/api/campaigns", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(
        name = "Campaigns",
        description = "Create campaigns from a customer file, follow them, pause them, check their letter")
@ApiResponse(responseCode = "401", description = "No or wrong HTTP Basic credentials", content = @Content)
@ApiResponse(responseCode = "403", description = "The user is not a campaign manager", content = @Content)
public class CampaignApi {

    /** The API's error shape: what went wrong, and per field what to change. */
    @Schema(name = "Error", example = ApiDocumentation.INVALID_SETTINGS_EXAMPLE)
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record ApiError(
            @Schema(description = "What went wrong, in a sentence") String error,
            @Schema(description = "Per field (settings field, or 'customers' for the file): why it was refused")
                    Map<String, String> fieldErrors) {
        static ApiError of(String error) {
            return new ApiError(error, Map.of());
        }
    }

    @Schema(name = "CreatedCampaign")
    public record CreatedCampaign(
            String code,
            @Schema(description = "Data lines read in the file") long rowsRead,
            @Schema(description = "Customers imported") long imported,
            @Schema(description = "Lines refused, each listed at importProblems") long rejected,
            @Schema(description = "The campaign's process instance in Cockpit; null with start=false")
                    String campaignProcess,
            @Schema(description = "Where the refused lines are listed") String importProblems) {}

    @Schema(name = "CampaignSummary")
    public record CampaignSummary(
            String code,
            String name,
            CampaignStatus status,
            OffsetDateTime responseDeadline,
            @Schema(example = "Europe/Paris") String deadlineZone,
            @Schema(type = "string", example = "PT168H", description = "ISO-8601 duration; null for no reminder")
                    Duration reminderBefore,
            boolean silenceMeansAcceptance,
            String createdBy,
            Instant createdAt) {
        static CampaignSummary of(Campaign c) {
            return new CampaignSummary(
                    c.code(),
                    c.name(),
                    c.status(),
                    c.settings().deadline().toOffsetDateTime(),
                    c.settings().zone().getId(),
                    c.settings().reminderBefore(),
                    c.settings().silenceMeansAcceptance(),
                    c.createdBy(),
                    c.createdAt());
        }
    }

    @Schema(name = "CampaignDetail")
    public record CampaignDetail(
            String code,
            String name,
            CampaignStatus status,
            OffsetDateTime responseDeadline,
            String deadlineZone,
            @Schema(type = "string", example = "PT168H") Duration reminderBefore,
            boolean silenceMeansAcceptance,
            String createdBy,
            Instant createdAt,
            @Schema(description = "How many customers stand in each status")
                    Map<CustomerStatus, Long> customersByStatus,
            @Schema(description = "Lines of the customer file that were refused") long importProblems) {}

    @Schema(name = "CampaignCustomer")
    public record CustomerEntry(
            String customerId,
            @Schema(example = "EINV-2026:C001") String businessKey,
            String companyName,
            CustomerStatus status,
            OffsetDateTime responseDeadline,
            boolean letterDelivered,
            OffsetDateTime outcomeAt,
            String outcomeBy,
            String processInstanceId) {
        static CustomerEntry of(CampaignCustomer c) {
            return new CustomerEntry(
                    c.customerId(),
                    c.businessKey(),
                    c.companyName(),
                    c.status(),
                    c.responseDeadline(),
                    c.letterDelivered(),
                    c.outcomeAt(),
                    c.outcomeBy(),
                    c.processInstanceId());
        }
    }

    @Schema(name = "CreatedFollowUp")
    public record CreatedFollowUp(
            String code,
            String followUpOf,
            @Schema(description = "Customers of the first campaign who refused or were not reached") long customers,
            String campaignProcess) {}

    @Schema(name = "ReplacedCustomerFile")
    public record ReplacedFile(String code, long rowsRead, long imported, long rejected) {}

    @Schema(name = "LetterCheck")
    public record LetterCheck(
            @Schema(example = "CONSENT") String letter,
            @Schema(example = "fr") String language,
            String templateVersion,
            @Schema(description = "true when the letter says everything it must and nothing it should avoid")
                    boolean clean,
            List<LetterChecker.Finding> findings) {}

    public record Paused(@Schema(description = "false when the campaign was not sending") boolean paused) {}

    public record Resumed(@Schema(description = "false when the campaign was not paused") boolean resumed) {}

    private final LetterReview letterReview;
    private final CampaignProcesses lifecycle;

    private final Campaigns campaigns;
    private final CampaignCustomers customers;
    private final CampaignService service;
    private final CampaignCreation creation;
    private final CustomerImporter importer;
    private final org.springframework.context.MessageSource messages;
    private final com.fasterxml.jackson.databind.ObjectMapper json;

    public CampaignApi(
            CampaignProcesses lifecycle,
            LetterReview letterReview,
            Campaigns campaigns,
            CampaignCustomers customers,
            CampaignService service,
            CampaignCreation creation,
            CustomerImporter importer,
            org.springframework.context.MessageSource messages,
            com.fasterxml.jackson.databind.ObjectMapper json) {
        this.messages = messages;
        this.json = json;
        this.letterReview = letterReview;
        this.lifecycle = lifecycle;
        this.campaigns = campaigns;
        this.customers = customers;
        this.service = service;
        this.creation = creation;
        this.importer = importer;
    }

    @Operation(
            operationId = "createCampaign",
            summary = "Create a campaign from its settings and customer file",
            description = "Imports the customer file (CSV, `;` or `,`, UTF-8) and starts the campaign's process: "
                    + "import review, letter check and four-eyes approval in Tasklist, then the sending waves. "
                    + "Good lines are imported even when others are refused; each refused line is listed at "
                    + "`importProblems` with its line number and reason.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content =
                                    @Content(
                                            mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
                                            schema = @Schema(implementation = CreateCampaignForm.class),
                                            encoding = {
                                                @Encoding(
                                                        name = "settings",
                                                        contentType = MediaType.APPLICATION_JSON_VALUE),
                                                @Encoding(name = "customers", contentType = "text/csv")
                                            })))
    @ApiResponse(
            responseCode = "201",
            description = "Created; Location names the campaign",
            content =
                    @Content(
                            schema = @Schema(implementation = CreatedCampaign.class),
                            examples =
                                    @ExampleObject(
                                            value =
                                                    "{\"code\":\"EINV-2026\",\"rowsRead\":6,\"imported\":5,\"rejected\":1,"
                                                            + "\"campaignProcess\":\"6f0c2a7e-...\",\"importProblems\":\"/api/campaigns/EINV-2026/import-problems\"}")))
    @ApiResponse(
            responseCode = "422",
            description = "Settings or file refused: nothing was created",
            content =
                    @Content(
                            schema = @Schema(implementation = ApiError.class),
                            examples = {
                                @ExampleObject(name = "settings", value = ApiDocumentation.INVALID_SETTINGS_EXAMPLE),
                                @ExampleObject(
                                        name = "file",
                                        value = "{\"error\":\"Customer file refused\",\"fieldErrors\":"
                                                + "{\"customers\":\"the header has no column email\"}}")
                            }))
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public ResponseEntity<CreatedCampaign> create(
            @Parameter(hidden = true) @RequestPart("settings") String settingsJson,
            @Parameter(hidden = true) @RequestPart("customers") MultipartFile file,
            @Parameter(description = "false: import only, start the process later") @RequestParam(defaultValue = "true")
                    boolean start,
            @Parameter(hidden = true) Principal user)
            throws IOException {
        CampaignSettings settings = settings(settingsJson);
        CampaignCreation.Created created;
        try (InputStream in = file.getInputStream()) {
            created = creation.create(settings, in, user.getName(), rows -> {}, start);
        }
        String processInstance = created.processInstanceId();
        String code = created.campaign().code();
        return ResponseEntity.created(URI.create("/api/campaigns/" + code))
                .body(new CreatedCampaign(
                        code,
                        created.imported().rowsRead(),
                        created.imported().imported(),
                        created.imported().rejected(),
                        processInstance,
                        "/api/campaigns/" + code + "/import-problems"));
    }

    /**
     * The settings part read as JSON whatever content type the client gave it: curl without
     * {@code ;type=application/json} and most generated clients send it as plain text or a form field.
     */
    private CampaignSettings settings(String json) {
        try {
            return this.json.readValue(json, CampaignSettings.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            String where = e.getLocation() == null
                    ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ")";
            String field = e instanceof com.fasterxml.jackson.databind.JsonMappingException mapping
                            && !mapping.getPath().isEmpty()
                    ? mapping.getPath().get(0).getFieldName()
                    : null;
            throw new CampaignValidationException(
                    field == null
                            ? Map.of("settings", "The settings are not valid JSON" + where)
                            : Map.of(field, "This value cannot be read" + where));
        }
    }

    /** The two parts of {@link #create}, for the description only. */
    @Schema(
            name = "CreateCampaignRequest",
            requiredProperties = {"settings", "customers"})
    record CreateCampaignForm(
            @Schema(implementation = CampaignSettings.class) Object settings,
            @Schema(
                            type = "string",
                            format = "binary",
                            description = "The customer file: customer_id;company_name;contact_name;email;"
                                    + "siren;siret;language;segment;account_manager (one header line)")
                    Object customers) {}

    @Operation(operationId = "listCampaigns", summary = "Every campaign, newest first")
    @ApiResponse(responseCode = "200", description = "The campaigns")
    @GetMapping
    public List<CampaignSummary> list() {
        return campaigns.all().stream().map(CampaignSummary::of).toList();
    }

    @Operation(operationId = "getCampaign", summary = "A campaign with its customers counted by status")
    @ApiResponse(responseCode = "200", description = "The campaign")
    @ApiResponse(
            responseCode = "404",
            description = "No campaign with this code",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @GetMapping("/{code}")
    public CampaignDetail get(@PathVariable String code) {
        Campaign c = find(code);
        return new CampaignDetail(
                c.code(),
                c.name(),
                c.status(),
                c.settings().deadline().toOffsetDateTime(),
                c.settings().zone().getId(),
                c.settings().reminderBefore(),
                c.settings().silenceMeansAcceptance(),
                c.createdBy(),
                c.createdAt(),
                customers.countByStatus(c.id()),
                importer.problemCount(c.id()));
    }

    @Operation(
            operationId = "listCustomers",
            summary = "The campaign's customers, a page at a time",
            description = "Status, deadline, outcome and process instance of each customer.")
    @ApiResponse(responseCode = "200", description = "One page of customers")
    @ApiResponse(
            responseCode = "404",
            description = "No campaign with this code",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @GetMapping("/{code}/customers")
    public List<CustomerEntry> customers(
            @PathVariable String code,
            @Parameter(description = "Part of a customer id, company name or e-mail") @RequestParam(defaultValue = "")
                    String q,
            @Parameter(description = "Page number, from 0") @RequestParam(defaultValue = "0") int page,
            @Parameter(description = "Customers per page, 1 to 1000") @RequestParam(defaultValue = "100") int size) {
        Campaign campaign = find(code);
        int bounded = Math.min(Math.max(size, 1), 1000);
        return customers.page(campaign.id(), q, Math.max(page, 0) * bounded, bounded).stream()
                .map(CustomerEntry::of)
                .toList();
    }

    @Operation(
            operationId = "listImportProblems",
            summary = "The lines of the customer file that were refused",
            description = "Line number in the file, customer id when there is one, and the reason.")
    @ApiResponse(responseCode = "200", description = "The refused lines, in file order")
    @ApiResponse(
            responseCode = "404",
            description = "No campaign with this code",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @GetMapping("/{code}/import-problems")
    public List<RowProblem> importProblems(@PathVariable String code) {
        return importer.problems(find(code).id(), 10_000);
    }

    @Operation(
            operationId = "createFollowUpCampaign",
            summary = "Write again to those who refused or were not reached",
            description = "Creates a follow-up campaign (JSON settings, as for a new campaign) whose customers are "
                    + "those of `code` who refused or could not be reached.")
    @ApiResponse(
            responseCode = "201",
            description = "Created",
            content = @Content(schema = @Schema(implementation = CreatedFollowUp.class)))
    @ApiResponse(
            responseCode = "404",
            description = "No campaign with this code",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "422",
            description = "Settings refused",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @PostMapping(value = "/{code}/follow-up", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<CreatedFollowUp> followUp(
            @PathVariable String code,
            @RequestBody CampaignSettings settings,
            @Parameter(description = "false: create only, start the process later") @RequestParam(defaultValue = "true")
                    boolean start,
            @Parameter(hidden = true) Principal user) {
        Campaign previous = find(code);
        CampaignCreation.Created created = creation.createFollowUp(settings, previous, user.getName(), start);
        String processInstance = created.processInstanceId();
        return ResponseEntity.created(
                        URI.create("/api/campaigns/" + created.campaign().code()))
                .body(new CreatedFollowUp(
                        created.campaign().code(),
                        previous.code(),
                        created.imported().imported(),
                        processInstance));
    }

    @Operation(
            operationId = "replaceCustomerFile",
            summary = "Replace the customer file during the import review",
            description = "Only while the campaign waits at *Review import errors*; that task then closes.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content =
                                    @Content(
                                            mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
                                            schema = @Schema(implementation = CustomerFileForm.class),
                                            encoding = @Encoding(name = "customers", contentType = "text/csv"))))
    @ApiResponse(
            responseCode = "200",
            description = "Replaced",
            content = @Content(schema = @Schema(implementation = ReplacedFile.class)))
    @ApiResponse(
            responseCode = "404",
            description = "No campaign with this code",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "409",
            description = "The campaign is past its import review",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "422",
            description = "File refused",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @PutMapping(value = "/{code}/customer-file", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public ResponseEntity<?> replaceFile(
            @PathVariable String code,
            @RequestPart("customers") MultipartFile file,
            @Parameter(hidden = true) Principal user)
            throws IOException {
        var replaced = lifecycle.replaceCustomerFile(find(code), file::getInputStream, user.getName(), rows -> {});
        if (replaced.isEmpty()) {
            return ResponseEntity.status(HttpStatus.CONFLICT)
                    .body(ApiError.of(
                            "The file can be replaced only while the campaign waits at \"Review import errors\""));
        }
        var summary = replaced.get();
        return ResponseEntity.ok(new ReplacedFile(code, summary.rowsRead(), summary.imported(), summary.rejected()));
    }

    /** The part of {@link #replaceFile}, for the description only. */
    @Schema(name = "CustomerFileRequest", requiredProperties = "customers")
    record CustomerFileForm(@Schema(type = "string", format = "binary") Object customers) {}

    @Operation(
            operationId = "deleteDraftCampaign",
            summary = "Delete a campaign nobody has been written to",
            description =
                    "Only before its import is approved; its customers go with it and its code can be used again.")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(
            responseCode = "404",
            description = "No campaign with this code",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "409",
            description = "Letters have gone out, or may at any moment",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @DeleteMapping("/{code}")
    public ResponseEntity<?> deleteDraft(@PathVariable String code, @Parameter(hidden = true) Principal user) {
        Campaign campaign = find(code);
        try {
            lifecycle.deleteDraft(campaign, user.getName());
        } catch (CampaignValidationException e) {
            return ResponseEntity.status(HttpStatus.CONFLICT)
                    .body(new ApiError("Campaign is not a draft", worded(e.fieldErrors())));
        }
        return ResponseEntity.noContent().build();
    }

    @Operation(
            operationId = "pauseCampaign",
            summary = "Pause the sending waves",
            description = "Letters not sent yet wait; answers, deadlines and tasks go on.")
    @ApiResponse(responseCode = "200", description = "Whether sending was paused")
    @ApiResponse(
            responseCode = "404",
            description = "No campaign with this code",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @PostMapping("/{code}/pause")
    public Paused pause(@PathVariable String code) {
        return new Paused(lifecycle.pause(find(code)));
    }

    @Operation(operationId = "resumeCampaign", summary = "Resume the sending waves")
    @ApiResponse(responseCode = "200", description = "Whether sending was resumed")
    @ApiResponse(
            responseCode = "404",
            description = "No campaign with this code",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @PostMapping("/{code}/resume")
    public Resumed resume(@PathVariable String code) {
        return new Resumed(lifecycle.resume(find(code)));
    }

    @Operation(
            operationId = "checkLetter",
            summary = "The campaign's letters read against the letter rules",
            description = "Each letter in French and English: what it lacks and what it should avoid.")
    @ApiResponse(responseCode = "200", description = "One result per letter and language")
    @ApiResponse(
            responseCode = "404",
            description = "No campaign with this code",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @GetMapping("/{code}/letter-check")
    public List<LetterCheck> letterCheck(@PathVariable String code) {
        Campaign campaign = find(code);
        return letterReview.review(campaign).stream()
                .map(c -> new LetterCheck(
                        c.kind().name(),
                        c.language(),
                        c.templateVersion(),
                        c.findings().isEmpty(),
                        c.findings()))
                .toList();
    }

    @ExceptionHandler(CampaignValidationException.class)
    public ResponseEntity<ApiError> invalid(CampaignValidationException e) {
        return ResponseEntity.unprocessableEntity()
                .body(new ApiError("Invalid campaign settings", worded(e.fieldErrors())));
    }

    /** Field errors given as message keys, in the request's language (Accept-Language; English by default). */
    private Map<String, String> worded(Map<String, String> fieldErrors) {
        var locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
        Map<String, String> worded = new java.util.LinkedHashMap<>();
        fieldErrors.forEach((field, message) -> worded.put(field, messages.getMessage(message, null, message, locale)));
        return worded;
    }

    @ExceptionHandler(CustomerFileRejectedException.class)
    public ResponseEntity<ApiError> fileRejected(CustomerFileRejectedException e) {
        var locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
        return ResponseEntity.unprocessableEntity()
                .body(new ApiError(
                        "Customer file refused",
                        Map.of(
                                "customers",
                                messages.getMessage(e.reason().messageKey(), e.values(), e.getMessage(), locale))));
    }

    /** A request the API cannot read at all: the product's error shape, never a bare framework page. */
    @ExceptionHandler({
        org.springframework.web.multipart.support.MissingServletRequestPartException.class,
        org.springframework.web.bind.MissingServletRequestParameterException.class,
        org.springframework.web.multipart.MultipartException.class
    })
    public ResponseEntity<ApiError> unreadable(Exception e) {
        String part = e instanceof org.springframework.web.multipart.support.MissingServletRequestPartException missing
                ? missing.getRequestPartName()
                : null;
        return ResponseEntity.badRequest()
                .body(
                        part == null
                                ? ApiError.of("The request is not a multipart form with the parts described")
                                : new ApiError("A part is missing", Map.of(part, "Required")));
    }

    @ExceptionHandler(org.springframework.http.converter.HttpMessageNotReadableException.class)
    public ResponseEntity<ApiError> unreadableBody(
            org.springframework.http.converter.HttpMessageNotReadableException e) {
        return ResponseEntity.badRequest().body(ApiError.of("The request body is not valid JSON settings"));
    }

    @ExceptionHandler(org.springframework.web.HttpMediaTypeNotSupportedException.class)
    public ResponseEntity<ApiError> unsupported(org.springframework.web.HttpMediaTypeNotSupportedException e) {
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .body(ApiError.of("Content type " + e.getContentType()
                        + " is not accepted here; see the API description (/api-docs/openapi.json)"));
    }

    @ExceptionHandler(ResponseStatusException.class)
    public ResponseEntity<ApiError> status(ResponseStatusException e) {
        return ResponseEntity.status(e.getStatusCode()).body(ApiError.of(e.getReason()));
    }

    private Campaign find(String code) {
        return campaigns
                .findByCode(code)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No campaign " + code));
    }
}
