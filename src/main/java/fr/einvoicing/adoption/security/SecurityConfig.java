package fr.einvoicing.adoption.security;

import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.ContainerBasedAuthenticationProvider;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
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
            "/respond/**", "/follow-up/**", "/css/**", "/js/**", "/images/**", "/login", "/error", "/favicon.ico",
            "/actuator/health", "/actuator/health/**"};

    private static final RequestMatcher CAMUNDA_SETUP = new OrRequestMatcher(
            PathPatternRequestMatcher.withDefaults().matcher("/camunda/api/admin/setup/**"),
            PathPatternRequestMatcher.withDefaults().matcher("/camunda/app/admin/*/setup/**"));

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
    SecurityFilterChain campaignApiChain(HttpSecurity http, EngineIdentityAuthenticationProvider provider) throws Exception {
        return http.securityMatcher("/api/**")
                .authenticationProvider(provider)
                .authorizeHttpRequests(auth -> auth.anyRequest()
                        .hasAnyAuthority(Groups.CAMPAIGN_MANAGERS, Groups.CAMUNDA_ADMIN))
                .httpBasic(basic -> basic.authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED)))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    /** Pages, Cockpit, Tasklist, Admin: form login, CSRF on our forms (Camunda's webapps have their own). */
    @Bean
    @Order(3)
    SecurityFilterChain pagesChain(HttpSecurity http, EngineIdentityAuthenticationProvider provider) throws Exception {
        return http
                .authenticationProvider(provider)
                .authorizeHttpRequests(auth -> auth
                        // Camunda's first-start setup makes whoever calls it an administrator once no one is
                        // left in camunda-admin; this application creates its administrator itself
                        .requestMatchers(CAMUNDA_SETUP).denyAll()
                        .requestMatchers(PUBLIC_PATHS).permitAll()
                        // the demo's stand-in platform checks the platform's bearer token itself
                        .requestMatchers(org.springframework.http.HttpMethod.POST, "/sandbox/platform/registrations").permitAll()
                        // the people who call a customer about a task may read that customer's file
                        .requestMatchers("/campaigns/*/customers/*", "/campaigns/*/customers/*/**")
                        .hasAnyAuthority(Groups.CAMPAIGN_MANAGERS, Groups.ACCOUNT_MANAGERS, Groups.CUSTOMER_SERVICE,
                                Groups.CAMUNDA_ADMIN)
                        .requestMatchers("/campaigns/**", "/actuator/**")
                        .hasAnyAuthority(Groups.CAMPAIGN_MANAGERS, Groups.CAMUNDA_ADMIN)
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout").permitAll())
                // Cockpit, Tasklist and Admin are servlets of their own with their own CSRF protection
                .csrf(csrf -> csrf.ignoringRequestMatchers(PathPatternRequestMatcher.withDefaults().matcher("/camunda/**"),
                        PathPatternRequestMatcher.withDefaults().matcher("/sandbox/platform/registrations")))
                .headers(headers -> headers
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                        .frameOptions(frame -> frame.sameOrigin()))
                .httpBasic(Customizer.withDefaults())
                .build();
    }

    /** HTTP Basic on /engine-rest, checked against the engine's users; authorizations then apply. */
    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
        var registration = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.setName("engine-rest-authentication");
        registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
                HttpBasicAuthenticationProvider.class.getName());
        registration.addUrlPatterns("/engine-rest/*");
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
        return registration;
    }

    /** Cockpit, Tasklist and Admin trust the login done on our pages (single sign-on). */
    @Bean
    FilterRegistrationBean<ContainerBasedAuthenticationFilter> webappSingleSignOn() {
        var registration = new FilterRegistrationBean<>(new ContainerBasedAuthenticationFilter());
        registration.setName("camunda-webapp-single-sign-on");
        registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
                ContainerBasedAuthenticationProvider.class.getName());
        registration.addUrlPatterns("/camunda/*");
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
        return registration;
    }
}
