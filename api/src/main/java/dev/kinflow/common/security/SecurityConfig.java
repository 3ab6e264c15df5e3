package dev.kinflow.common.security;

import dev.kinflow.common.web.ResettingAccountFilter;
import jakarta.servlet.DispatcherType;
import java.util.List;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Who may call what. Three bearer schemes share the {@code Authorization} header, each an
 * {@link AuthenticationProvider} (admin token, account API key, device token); the rules below use Spring's own path
 * matching on the decoded, normalised path, after the default {@code StrictHttpFirewall} has refused anything
 * ambiguous ({@code ;}, encoded {@code / . %}, {@code //}, {@code /./}, {@code %00}). Stateless, no CSRF (no cookies
 * are ever honoured), no sessions; anything not listed is denied.
 */
@Configuration
public class SecurityConfig {

    /**
     * The default {@link StrictHttpFirewall}, and query parameter values without control characters ({@code %00}
     * included): none of the API's parameters takes one, and PostgreSQL {@code text} cannot hold a NUL.
     */
    @Bean
    HttpFirewall httpFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedParameterValues(value -> value.codePoints().noneMatch(Character::isISOControl));
        return firewall;
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, List<AuthenticationProvider> providers,
                                            SecurityProblems problems) throws Exception {
        AuthenticationFilter bearer = new AuthenticationFilter(new ProviderManager(providers),
                new BearerTokenConverter());
        bearer.setSuccessHandler((request, response, authentication) -> { });
        bearer.setFailureHandler(new AuthenticationEntryPointFailureHandler(problems));
        http.csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .addFilterBefore(bearer, AnonymousAuthenticationFilter.class)
                .addFilterAfter(new ResettingAccountFilter(), AuthorizationFilter.class)
                .authorizeHttpRequests(rules -> rules
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers("/error").permitAll()
                        .requestMatchers("/admin/**").hasRole(CallerKind.ADMIN.role())
                        .requestMatchers("/api/**").hasRole(CallerKind.ACCOUNT.role())
                        .requestMatchers("/client/**").hasRole(CallerKind.DEVICE.role())
                        .requestMatchers(EndpointRequest.to("health")).permitAll()
                        .requestMatchers(EndpointRequest.toAnyEndpoint()).hasRole(CallerKind.ADMIN.role())
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                        .permitAll()
                        .anyRequest().denyAll());
        return http.build();
    }
}
