package fr.einvoicing.adoption.web;

import java.security.Principal;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The top bar's language switch: remembered for the user, then back to the page they were on. */
@Controller
public class LanguageController {

    private final StaffLanguage languages;

    public LanguageController(StaffLanguage languages) {
        this.languages = languages;
    }

    @PostMapping("/language")
    public String choose(@RequestParam String language, @RequestParam(defaultValue = "/") String back, Principal user) {
        String chosen = language.toLowerCase(Locale.ROOT);
        if (StaffLanguage.LANGUAGES.contains(chosen) && user != null) {
            languages.choose(user.getName(), chosen);
        }
        return "redirect:" + safeReturn(back);
    }

    /** Only a path of this application: never another site (an open redirect). */
    static String safeReturn(String back) {
        if (back == null
                || !back.startsWith("/")
                || back.startsWith("//")
                || back.contains("\\")
                || back.chars().anyMatch(Character::isISOControl)) {
            return "/";
        }
        return back;
    }

    /** Where the language switch brings the user back to. */
    @ControllerAdvice
    static class CurrentPage {
        @ModelAttribute("currentPath")
        String currentPath(HttpServletRequest request) {
            String query = request.getQueryString();
            return request.getRequestURI() + (query == null ? "" : "?" + query);
        }
    }
}
