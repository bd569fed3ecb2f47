package dev.switchboard.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.csrf.CsrfFilter;

/**
 * Two doors. Machines use {@code /api/**} and {@code /actuator/**} with an API token; the pages call the
 * same API with the session of the person logged in, and then CSRF applies. People use the pages with a
 * form login, a session and CSRF. A session is judged against the user's current role, state and password
 * on every request ({@link SessionFollowsUser}). The portal's public endpoints are open to anyone. Anything not named
 * here needs ADMIN: a new endpoint is closed until someone opens it on purpose.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, Credentials credentials) throws Exception {
        return http
                .securityMatcher("/api/**", "/actuator/**", "/error")
                .csrf(csrf -> csrf.requireCsrfProtectionMatcher(SecurityConfiguration::sessionCallChangingState))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .requestCache(cache -> cache.disable())
                .addFilterBefore(new ApiTokenAuthenticationFilter(credentials), CsrfFilter.class)
                .addFilterAfter(new SessionFollowsUser(credentials), ApiTokenAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/error").permitAll()
                        .requestMatchers(PUBLIC_API).permitAll()
                        .requestMatchers(HttpMethod.POST, PublicEndpoints.CLIENT_LOGS).permitAll()
                        // the agent's door: its signature (judged there) or an AGENT_BOT token, which opens nothing else
                        .requestMatchers(HttpMethod.POST, PublicEndpoints.AGENT_DRAFTS).permitAll()
                        .requestMatchers(HttpMethod.PUT, "/api/drafts/autonomy/**").hasRole(Role.ADMIN.name())
                        .requestMatchers("/api/drafts", "/api/drafts/**").hasRole(Role.AGENT.name())
                        .requestMatchers("/api/account", "/api/account/**").hasRole(Role.VIEWER.name())
                        .requestMatchers("/api/settings", "/api/settings/**", "/api/users", "/api/users/**",
                                "/api/client-logs", "/api/client-logs/**").hasRole(Role.ADMIN.name())
                        .requestMatchers("/api/support/threads", "/api/support/threads/**").hasRole(Role.AGENT.name())
                        .requestMatchers(HttpMethod.POST, "/api/conversations/rebuild").hasRole(Role.ADMIN.name())
                        .requestMatchers("/api/conversations", "/api/conversations/**").hasRole(Role.AGENT.name())
                        .requestMatchers("/api/tokens", "/api/tokens/**").hasRole(Role.ADMIN.name())
                        .requestMatchers(HttpMethod.POST, "/api/deliveries/**", "/api/chatwoot/actions/**", "/api/alerts/**")
                        .hasRole(Role.AGENT.name())
                        .requestMatchers(HttpMethod.GET, "/api/**", "/actuator/**").hasRole(Role.VIEWER.name())
                        .anyRequest().hasRole(Role.ADMIN.name()))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> Problems.write(request, response,
                                HttpStatus.UNAUTHORIZED, "unauthenticated",
                                "This endpoint needs an API token (Authorization: Bearer sb_…) or a logged-in session."))
                        .accessDeniedHandler((request, response, e) -> Problems.write(request, response,
                                HttpStatus.FORBIDDEN, e instanceof CsrfException ? "csrf" : "forbidden",
                                e instanceof CsrfException
                                        ? "The CSRF token is missing or out of date: reload the page and try again."
                                        : "Your role does not allow this.")))
                .build();
    }

    /** Open to anyone: the portal's configuration, raising a query, customer links, and the API's description. */
    private static final String[] PUBLIC_API = {PublicEndpoints.PORTAL + "**", "/api/openapi", "/api/openapi/**"};

    /**
     * A state-changing API call that the session cookie authenticates: a page's call, which a hostile site
     * could forge without the CSRF token. A token request never uses the session (an invalid token is a
     * 401, never a fall-back to it), and public endpoints hold no one's authority.
     */
    private static boolean sessionCallChangingState(HttpServletRequest request) {
        String method = request.getMethod();
        if ("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method) || "TRACE".equals(method)) {
            return false;
        }
        return !ApiTokenAuthenticationFilter.isTokenRequest(request) && request.getSession(false) != null
                && !PublicEndpoints.takesPostsFromAnyone(request);
    }

    /**
     * The pages: a form login and a session, CSRF on every form and htmx call, and a strict Content
     * Security Policy (scripts and styles only from Switchboard itself) so that text a customer wrote
     * cannot run even if it escaped escaping. Reading needs VIEWER, working AGENT, administering ADMIN;
     * the portal is open to anyone.
     */
    @Bean
    @Order(2)
    SecurityFilterChain pages(HttpSecurity http, Credentials credentials) throws Exception {
        return http
                .addFilterAfter(new SessionFollowsUser(credentials), SecurityContextHolderFilter.class)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/login", "/webjars/**", "/assets/**", "/favicon.ico",
                                "/portal", "/portal/**").permitAll()
                        .requestMatchers(HttpMethod.GET, "/", "/dashboard/**", "/deliveries", "/deliveries/**", "/chatwoot/**", "/alerts",
                                "/alerts/**")
                        .hasRole(Role.VIEWER.name())
                        .requestMatchers("/account", "/account/**").hasRole(Role.VIEWER.name())
                        .requestMatchers(HttpMethod.POST, "/drafts/autonomy/**").hasRole(Role.ADMIN.name())
                        .requestMatchers("/deliveries/**", "/inbox", "/inbox/**", "/conversations", "/conversations/**", "/chatwoot/**",
                                "/alerts/**", "/drafts", "/drafts/**")
                        .hasRole(Role.AGENT.name())
                        .anyRequest().hasRole(Role.ADMIN.name()))
                // the portal's forms act with no one's authority (a reply's is the link token in its address),
                // like the public API; a customer whose page sat open past a session's life is not refused
                .csrf(csrf -> csrf.ignoringRequestMatchers("/portal", "/portal/**"))
                .formLogin(form -> form.loginPage("/login").permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(PageErrors::loginAgain)
                        .accessDeniedHandler(PageErrors::refused))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        // customer link tokens are in page addresses: no other site may learn one from a Referer
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)))
                .build();
    }

    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; "
            + "object-src 'none'";

    /**
     * The webhook intake is public and token-less (the HMAC is its authentication), so it skips the
     * security filter chain, which cost about a third of its CPU; Spring Security's firewall still applies.
     */
    @Bean
    WebSecurityCustomizer publicMachineEndpoints() {
        return web -> web.ignoring().requestMatchers(HttpMethod.POST, "/api/webhooks/chatwoot");
    }

    /**
     * The firewall's refusals (an address with {@code ../}, an encoded slash, {@code ;jsessionid=}, NUL, CR or
     * LF) are answered like every other refusal: a problem document under {@code /api/}, the error page
     * elsewhere. Scanners send such addresses by the thousand, so they are logged at DEBUG only.
     */
    @Bean
    RequestRejectedHandler firewallRefusals() {
        return (request, response, e) -> {
            log.debug("Firewall refused {} {}: {}", request.getMethod(), Secrets.maskTokens(request.getRequestURI()), e.getMessage());
            request.setAttribute(ErrorAnswers.REASON, "This address is not allowed: it has \"..\", \";\", an encoded slash,"
                    + " a control character or another character Switchboard refuses.");
            response.sendError(HttpStatus.BAD_REQUEST.value());
        };
    }

    /** Per-filter observations cost more than the requests they observe; http.server.requests stays. */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }
}
