package dev.kinflow.outreach;

import dev.kinflow.common.security.BearerToken;
import dev.kinflow.common.security.CallerAuthentication;
import dev.kinflow.common.security.CallerKind;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Accepts an active device token ({@code /client/**}): the principal is the {@link Device}. Looked up in the
 * database on every request, so a revoked device is refused at once by every process.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
public class DeviceTokenAuthenticationProvider implements AuthenticationProvider {

    private final DeviceRepository devices;

    public DeviceTokenAuthenticationProvider(DeviceRepository devices) {
        this.devices = devices;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        return devices.findByToken(((BearerToken) authentication).token())
                .map(device -> new CallerAuthentication(CallerKind.DEVICE, device, device.id()))
                .orElseThrow(() -> new BadCredentialsException("not an active device token"));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return BearerToken.class.isAssignableFrom(authentication);
    }
}
