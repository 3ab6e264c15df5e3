package dev.kinflow.outreach;

import dev.kinflow.common.web.ClientAuthenticator;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Device tokens on {@code /client/**}: the principal is the {@link Device} (its account and its own id). */
@Component
public class DeviceAuthenticator implements ClientAuthenticator {

    private final DeviceRepository devices;

    public DeviceAuthenticator(DeviceRepository devices) {
        this.devices = devices;
    }

    @Override
    public Optional<Object> authenticate(String token) {
        return devices.findByToken(token).map(Object.class::cast);
    }
}
