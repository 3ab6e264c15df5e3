package dev.kinflow.outreach;

import dev.kinflow.accounts.Account;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Registers sending devices; the token is returned once and stored hashed. */
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

    @PostMapping("/api/devices")
    public ResponseEntity<DeviceCreated> create(Account account, @Valid @RequestBody CreateDevice request) {
        DeviceRepository.Created created = devices.create(account.id(), request.name().trim());
        return ResponseEntity.status(HttpStatus.CREATED).body(new DeviceCreated(created.device().id(),
                created.device().name(), created.token()));
    }
}
