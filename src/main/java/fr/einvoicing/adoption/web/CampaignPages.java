package fr.einvoicing.adoption.web;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import fr.einvoicing.adoption.CampaignProperties;
import fr.einvoicing.adoption.campaign.Campaign;
import fr.einvoicing.adoption.campaign.CampaignCreation;
import fr.einvoicing.adoption.campaign.CampaignForm;
import fr.einvoicing.adoption.campaign.CampaignProcesses;
import fr.einvoicing.adoption.campaign.CampaignService;
import fr.einvoicing.adoption.campaign.CampaignSettings;
import fr.einvoicing.adoption.campaign.CampaignValidationException;
import fr.einvoicing.adoption.campaign.Campaigns;
import fr.einvoicing.adoption.campaign.ImportProgress;
import fr.einvoicing.adoption.campaign.IssuerSize;
import fr.einvoicing.adoption.customer.CampaignCustomers;
import fr.einvoicing.adoption.customer.CustomerFileRejectedException;
import fr.einvoicing.adoption.customer.CustomerImporter;
import fr.einvoicing.adoption.customer.CustomerStatus;
import fr.einvoicing.adoption.letter.LetterReview;
import fr.einvoicing.adoption.letter.LetterTemplates;
import fr.einvoicing.adoption.report.CampaignDashboard;

/** The campaign manager's pages: list, create from a customer file, follow a campaign. */
@Controller
@RequestMapping("/campaigns")
public class CampaignPages {

    private final LetterReview letterReview;
    private final CampaignDashboard dashboard;
    private final CampaignProcesses lifecycle;

    static final int PAGE_SIZE = 50;

    private final Campaigns campaigns;
    private final CampaignCustomers customers;
    private final CampaignService service;
    private final CampaignCreation creation;
    private final CustomerImporter importer;
    private final CampaignProperties properties;
    private final LetterTemplates letterTemplates;
    private final ImportProgress importProgress;
    private final fr.einvoicing.adoption.campaign.SendingForecast forecast;
    private final org.springframework.context.MessageSource messages;

    public CampaignPages(
            CampaignProcesses lifecycle,
            CampaignDashboard dashboard,
            LetterReview letterReview,
            Campaigns campaigns,
            CampaignCustomers customers,
            CampaignService service,
            CampaignCreation creation,
            CustomerImporter importer,
            CampaignProperties properties,
            LetterTemplates letterTemplates,
            ImportProgress importProgress,
            fr.einvoicing.adoption.campaign.SendingForecast forecast,
            org.springframework.context.MessageSource messages) {
        this.messages = messages;
        this.forecast = forecast;
        this.letterTemplates = letterTemplates;
        this.importProgress = importProgress;
        this.letterReview = letterReview;
        this.dashboard = dashboard;
        this.lifecycle = lifecycle;
        this.campaigns = campaigns;
        this.customers = customers;
        this.service = service;
        this.creation = creation;
        this.importer = importer;
        this.properties = properties;
    }

    @GetMapping
    public String list(Model model) {
        model.addAttribute("campaigns", campaigns.all());
        return "campaigns/list";
    }

    @GetMapping("/new")
    public String newCampaign(Model model) {
        CampaignForm form = new CampaignForm();
        form.setResponseDeadline(LocalDateTime.now(ZoneId.of("Europe/Paris"))
                .plusDays(30)
                .withHour(18)
                .truncatedTo(ChronoUnit.HOURS)
                .toString());
        return formPage(model, form, Map.of(), null);
    }

    /**
     * The creation page pre-filled for a follow-up of a campaign: its settings, and as customers those
     * who refused or could not be reached (shown instead of the file).
     */
    @GetMapping("/{code}/follow-up")
    public String followUp(@PathVariable String code, Model model) {
        Campaign previous = campaign(code);
        LocalDateTime deadline = LocalDateTime.now(previous.settings().zone())
                .plusDays(30)
                .withHour(18)
                .truncatedTo(ChronoUnit.HOURS);
        CampaignForm form = CampaignForm.followUpOf(
                previous.settings(),
                deadline,
                LocalDateTime.now(previous.settings().zone()).toLocalDate());
        return formPage(model, form, Map.of(), null, previous);
    }

    @PostMapping
    public String create(
            @ModelAttribute("form") CampaignForm form,
            @RequestParam(value = "customers", required = false) MultipartFile file,
            @RequestParam(value = "followUpOf", required = false) String followUpOf,
            @RequestParam(value = "uploadId", required = false) String uploadId,
            java.security.Principal user,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect)
            throws IOException {
        Map<String, String> errors = new LinkedHashMap<>();
        CampaignSettings settings = form.toSettings(errors);
        creation.problems(settings).forEach(errors::putIfAbsent);
        if (followUpOf != null && !followUpOf.isBlank()) {
            return createFollowUp(settings, campaign(followUpOf), errors, form, user, model, response, redirect);
        }
        if (file == null || file.isEmpty()) {
            errors.put("customers", text("flash.chooseFile"));
        }
        if (!errors.isEmpty()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return formPage(model, form, errors, null);
        }
        CampaignCreation.Created created;
        try (TrackedUpload upload = new TrackedUpload(file, user.getName(), uploadId);
                InputStream in = upload.open()) {
            created = creation.create(settings, in, user.getName(), upload::rowsRead, true);
        } catch (CampaignValidationException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return formPage(model, form, e.fieldErrors(), null);
        } catch (CustomerFileRejectedException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return formPage(model, form, Map.of("customers", text(e.reason().messageKey(), e.values())), null);
        }
        redirect.addFlashAttribute("created", created.imported());
        return "redirect:/campaigns/" + created.campaign().code();
    }

    @GetMapping("/{code}")
    public String detail(
            @PathVariable String code,
            @RequestParam(defaultValue = "") String q,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        Campaign campaign = campaign(code);
        Map<CustomerStatus, Long> counts = customers.countByStatus(campaign.id());
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        model.addAttribute("campaign", campaign);
        model.addAttribute("counts", counts);
        model.addAttribute("total", total);
        model.addAttribute(
                "max",
                Math.max(
                        1,
                        counts.values().stream()
                                .mapToLong(Long::longValue)
                                .max()
                                .orElse(1)));
        model.addAttribute("customers", customers.page(campaign.id(), q, Math.max(0, page) * PAGE_SIZE, PAGE_SIZE));
        model.addAttribute("q", q);
        model.addAttribute("page", Math.max(0, page));
        model.addAttribute("pageSize", PAGE_SIZE);
        model.addAttribute("problems", importer.problems(campaign.id(), 200));
        model.addAttribute("problemCount", importer.problemCount(campaign.id()));
        model.addAttribute("letterChecks", letterReview.review(campaign));
        model.addAttribute("dash", dashboard.of(campaign));
        model.addAttribute("stage", lifecycle.stage(campaign).orElse(null));
        model.addAttribute("canReplaceFile", lifecycle.awaitsImportReview(campaign));
        model.addAttribute("tooLate", forecast.check(campaign).orElse(null));
        return "campaigns/detail";
    }

    private String createFollowUp(
            CampaignSettings settings,
            Campaign previous,
            Map<String, String> errors,
            CampaignForm form,
            java.security.Principal user,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        if (!errors.isEmpty()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return formPage(model, form, errors, null, previous);
        }
        CampaignCreation.Created created;
        try {
            created = creation.createFollowUp(settings, previous, user.getName(), true);
        } catch (CampaignValidationException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return formPage(model, form, e.fieldErrors(), null, previous);
        }
        redirect.addFlashAttribute("created", created.imported());
        return "redirect:/campaigns/" + created.campaign().code();
    }

    /** A corrected customer file, while the campaign waits at "Review import errors". */
    @PostMapping("/{code}/customer-file")
    public String replaceFile(
            @PathVariable String code,
            @RequestParam("customers") MultipartFile file,
            @RequestParam(value = "uploadId", required = false) String uploadId,
            java.security.Principal user,
            RedirectAttributes redirect)
            throws IOException {
        Campaign campaign = campaign(code);
        if (file == null || file.isEmpty()) {
            redirect.addFlashAttribute("fileError", text("flash.chooseCorrectedFile"));
            return "redirect:/campaigns/" + code + "#replace-file";
        }
        try (TrackedUpload upload = new TrackedUpload(file, user.getName(), uploadId)) {
            var summary = lifecycle.replaceCustomerFile(campaign, upload::open, user.getName(), upload::rowsRead);
            if (summary.isEmpty()) {
                redirect.addFlashAttribute("fileError", text("flash.notInReview"));
                return "redirect:/campaigns/" + code + "#replace-file";
            }
            redirect.addFlashAttribute("replaced", summary.get());
        } catch (CustomerFileRejectedException e) {
            redirect.addFlashAttribute("fileError", text(e.reason().messageKey(), e.values()));
            return "redirect:/campaigns/" + code + "#replace-file";
        }
        return "redirect:/campaigns/" + code;
    }

    /** Deletes a campaign that has not sent anything; back to the list with a notice. */
    @PostMapping("/{code}/delete")
    public String deleteDraft(
            @PathVariable String code,
            @RequestParam(value = "confirm", required = false) String confirm,
            java.security.Principal user,
            RedirectAttributes redirect) {
        Campaign campaign = campaign(code);
        if (!"yes".equals(confirm)) {
            redirect.addFlashAttribute("message", text("flash.confirmDelete"));
            return "redirect:/campaigns/" + code + "#delete-draft";
        }
        try {
            lifecycle.deleteDraft(campaign, user.getName());
        } catch (CampaignValidationException e) {
            redirect.addFlashAttribute(
                    "message",
                    String.join(
                            " ",
                            e.fieldErrors().values().stream()
                                    .map(m -> messages.getMessage(
                                            m,
                                            null,
                                            m,
                                            org.springframework.context.i18n.LocaleContextHolder.getLocale()))
                                    .toList()));
            return "redirect:/campaigns/" + code;
        }
        redirect.addFlashAttribute("message", text("flash.deleted", code));
        return "redirect:/campaigns";
    }

    @PostMapping("/{code}/pause")
    public String pause(@PathVariable String code, RedirectAttributes redirect) {
        Campaign campaign = campaign(code);
        redirect.addFlashAttribute(
                "message", lifecycle.pause(campaign) ? text("flash.paused") : text("flash.nothingToPause"));
        return "redirect:/campaigns/" + code;
    }

    @PostMapping("/{code}/resume")
    public String resume(@PathVariable String code, RedirectAttributes redirect) {
        Campaign campaign = campaign(code);
        redirect.addFlashAttribute(
                "message", lifecycle.resume(campaign) ? text("flash.resumed") : text("flash.notPaused"));
        return "redirect:/campaigns/" + code;
    }

    /** The final report: the figures and charts of the campaign page, ready to print. */
    @GetMapping("/{code}/report")
    public String report(@PathVariable String code, Model model) {
        Campaign campaign = campaign(code);
        model.addAttribute("campaign", campaign);
        model.addAttribute("dash", dashboard.of(campaign));
        model.addAttribute("counts", customers.countByStatus(campaign.id()));
        return "campaigns/report";
    }

    /** A notice in the language of the page the user will see next. */
    private String text(String key, Object... args) {
        return messages.getMessage(key, args, org.springframework.context.i18n.LocaleContextHolder.getLocale());
    }

    private Campaign campaign(String code) {
        return campaigns
                .findByCode(code)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No campaign " + code));
    }

    /** How far the file of an upload in progress has been read (the creation page polls it). */
    @GetMapping(value = "/import-progress/{uploadId}", produces = "application/json")
    @org.springframework.web.bind.annotation.ResponseBody
    public Map<String, Object> importProgress(@PathVariable String uploadId, java.security.Principal user) {
        var progress = importProgress
                .of(user.getName(), uploadId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such upload"));
        return Map.of("rowsRead", progress.rowsRead(), "percent", progress.percent(), "finished", progress.finished());
    }

    /**
     * An uploaded customer file whose reading the page follows: opened (as often as the import needs),
     * its bytes counted, and its rows read reported to {@link ImportProgress} until it is closed.
     */
    private final class TrackedUpload implements AutoCloseable {
        private final MultipartFile file;
        private final String user;
        private final String uploadId;
        private CountingInputStream reading;

        TrackedUpload(MultipartFile file, String user, String uploadId) {
            this.file = file;
            this.user = user;
            this.uploadId = uploadId;
            importProgress.started(user, uploadId, file.getSize());
        }

        InputStream open() throws IOException {
            reading = new CountingInputStream(file.getInputStream());
            return reading;
        }

        void rowsRead(long rows) {
            importProgress.read(user, uploadId, rows, reading == null ? 0 : reading.count());
        }

        @Override
        public void close() {
            importProgress.finished(user, uploadId);
        }
    }

    /** Counts the bytes the importer has consumed: the share of the file read. */
    static final class CountingInputStream extends java.io.FilterInputStream {
        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }

    private String formPage(Model model, CampaignForm form, Map<String, String> errors, String message) {
        return formPage(model, form, errors, message, null);
    }

    private String formPage(
            Model model, CampaignForm form, Map<String, String> errors, String message, Campaign followUpOf) {
        model.addAttribute("followUpOf", followUpOf);
        model.addAttribute("followUpCustomers", followUpOf == null ? 0 : service.followUpCandidates(followUpOf));
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("message", message);
        model.addAttribute("supplierDefaults", properties.supplier());
        model.addAttribute("issuerSizes", IssuerSize.values());
        model.addAttribute("letterTemplates", letterTemplates.choices());
        return "campaigns/new";
    }
}
