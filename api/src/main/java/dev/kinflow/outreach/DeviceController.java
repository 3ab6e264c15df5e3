package dev.kinflow.outreach;

import dev.kinflow.accounts.Account;
import dev.kinflow.common.web.ApiException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sending devices of the caller's account: register (the token is returned once and stored hashed), list, revoke.
 * A revoked device's token is refused at once by every process; messages already queued for it are not handed out
 * any more and expire like unacknowledged ones.
 */
@RestController
public class DeviceController {

    private final DeviceRepository devices;

    public DeviceController(DeviceRepository devices) {
        this.devices = devices;
    }

    public record CreateDevice(@NotBlank @Size(max = 200) String name) {
    }

    /** A new device; its token is shown once. */
    public record DeviceCreated(long id, String name, String token) {
    }

    /** The active devices. */
    public record DeviceList(List<DeviceRepository.Listed> items) {
    }

    @PostMapping("/api/devices")
    public ResponseEntity<DeviceCreated> create(@AuthenticationPrincipal Account account,
                                                @Valid @RequestBody CreateDevice request) {
        DeviceRepository.Created created = devices.create(account.id(), request.name().trim());
        return ResponseEntity.status(HttpStatus.CREATED).body(new DeviceCreated(created.device().id(),
                created.device().name(), created.token()));
    }

    @GetMapping("/api/devices")
    public DeviceList list(@AuthenticationPrincipal Account account) {
        return new DeviceList(devices.listActive(account.id()));
    }

    @DeleteMapping("/api/devices/{id}")
    public ResponseEntity<Void> revoke(@AuthenticationPrincipal Account account, @PathVariable long id) {
        if (!devices.revoke(account.id(), id)) {
            throw ApiException.notFound("Device");
        }
        return ResponseEntity.noContent().build();
    }
}
