package fr.einvoicing.adoption.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may see what. Nothing answers without login except the customer's response and follow-up
 * pages (their unguessable token is the key) and the health probe. One login serves our pages, Cockpit and
 * Tasklist; the engine REST API takes HTTP Basic, checked by the engine itself with its
 * authorizations on.
 */
@Configuration
public class SecurityConfig {

    private static final String[] PUBLIC_PATHS = {
        "/respond/**",
        "/follow-up/**",
        "/css/**",
        "/js/**",
        "/images/**",
        "/login",
        "/error",
        "/favicon.ico",
        "/actuator/health",
        "/actuator/health/**"
    };

    private static final RequestMatcher CAMUNDA_SETUP = new OrRequestMatcher(
            PathPatternRequestMatcher.withDefaults().matcher("/camunda/api/admin/setup/**"),
            PathPatternRequestMatcher.withDefaults().matcher("/camunda/app/admin/*/setup/**"));

    private static final String CSP = "Content-Security-Policy";

    /** What a customer opens from a letter: our stylesheet, no script at all, never inside a frame. */
    static final String CUSTOMER_PAGES_POLICY = "default-src 'none'; style-src 'self'; img-src 'self' data:; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /**
     * Our staff pages: scripts only from our own files; inline styles allowed because the letter
     * and mail previews show the letter exactly as sent (its HTML carries its styles); framed only by
     * our own pages (the mail sandbox shows a mail in a frame).
     */
    static final String STAFF_PAGES_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; object-src 'none'; form-action 'self'; frame-ancestors 'self'; base-uri 'self'";

    private static final RequestMatcher CUSTOMER_PAGES = new OrRequestMatcher(
            PathPatternRequestMatcher.withDefaults().matcher("/respond/**"),
            PathPatternRequestMatcher.withDefaults().matcher("/follow-up/**"));

    private static final RequestMatcher CAMUNDA_WEBAPPS =
            PathPatternRequestMatcher.withDefaults().matcher("/camunda/**");

    /** The engine REST API: the engine checks HTTP Basic itself (see the filter below). */
    @Bean
    @Order(1)
    SecurityFilterChain engineRestChain(HttpSecurity http) throws Exception {
        // the REST API is a servlet of its own (Jersey), not a Spring MVC path: match on the raw path
        return http.securityMatcher(PathPatternRequestMatcher.withDefaults().matcher("/engine-rest/**"))
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    /** Our REST API: HTTP Basic, no session, campaign managers only. */
    @Bean
    @Order(2)
    SecurityFilterChain campaignApiChain(HttpSecurity http, AuthenticationProvider provider) throws Exception {
        return http.securityMatcher("/api/**")
                .authenticationProvider(provider)
                .authorizeHttpRequests(
                        auth -> auth.anyRequest().hasAnyAuthority(Groups.CAMPAIGN_MANAGERS, Groups.CAMUNDA_ADMIN))
                .httpBasic(basic -> basic.authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED)))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    /** Pages, Cockpit, Tasklist, Admin: form login, CSRF on our forms (Camunda's webapps have their own). */
    @Bean
    @Order(3)
    SecurityFilterChain pagesChain(HttpSecurity http, AuthenticationProvider provider) throws Exception {
        return http.authenticationProvider(provider)
                .authorizeHttpRequests(auth -> auth
                        // Camunda's first-start setup makes whoever calls it an administrator once no one is
                        // left in camunda-admin; this application creates its administrator itself
                        .requestMatchers(CAMUNDA_SETUP)
                        .denyAll()
                        .requestMatchers(PUBLIC_PATHS)
                        .permitAll()
                        // the demo's stand-in platform checks the platform's bearer token itself
                        .requestMatchers(org.springframework.http.HttpMethod.POST, "/sandbox/platform/registrations")
                        .permitAll()
                        // the people who call a customer about a task may read that customer's file
                        .requestMatchers("/campaigns/*/customers/*", "/campaigns/*/customers/*/**")
                        .hasAnyAuthority(
                                Groups.CAMPAIGN_MANAGERS,
                                Groups.ACCOUNT_MANAGERS,
                                Groups.CUSTOMER_SERVICE,
                                Groups.CAMUNDA_ADMIN)
                        .requestMatchers("/actuator/prometheus")
                        .hasAnyAuthority(Groups.MONITORING, Groups.CAMPAIGN_MANAGERS, Groups.CAMUNDA_ADMIN)
                        .requestMatchers("/campaigns/**", "/actuator/**", "/api-docs/**", "/swagger-ui/**")
                        .hasAnyAuthority(Groups.CAMPAIGN_MANAGERS, Groups.CAMUNDA_ADMIN)
                        .anyRequest()
                        .authenticated())
                .formLogin(form ->
                        form.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
                .logout(logout -> logout.logoutUrl("/logout")
                        .logoutSuccessUrl("/login?logout")
                        .permitAll())
                // Cockpit, Tasklist and Admin are servlets of their own with their own CSRF protection
                .csrf(csrf -> csrf.ignoringRequestMatchers(
                        PathPatternRequestMatcher.withDefaults().matcher("/camunda/**"),
                        PathPatternRequestMatcher.withDefaults().matcher("/sandbox/platform/registrations")))
                .headers(headers -> headers.referrerPolicy(
                                referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                        .frameOptions(frame -> frame.disable())
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                                CUSTOMER_PAGES,
                                new XFrameOptionsHeaderWriter(XFrameOptionsHeaderWriter.XFrameOptionsMode.DENY)))
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                                new NegatedRequestMatcher(CUSTOMER_PAGES),
                                new XFrameOptionsHeaderWriter(XFrameOptionsHeaderWriter.XFrameOptionsMode.SAMEORIGIN)))
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                                CUSTOMER_PAGES, new StaticHeadersWriter(CSP, CUSTOMER_PAGES_POLICY)))
                        // Cockpit, Tasklist and Admin send their own policy (with a nonce per page)
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                                new NegatedRequestMatcher(new OrRequestMatcher(CUSTOMER_PAGES, CAMUNDA_WEBAPPS)),
                                new StaticHeadersWriter(CSP, STAFF_PAGES_POLICY))))
                .httpBasic(Customizer.withDefaults())
                .build();
    }
}
