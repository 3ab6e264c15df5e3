package dev.kinflow.common.outbound;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which addresses outbound calls (Monica imports) may reach besides public ones.
 *
 * @param allowedHosts CIDR blocks ({@code 192.168.1.0/24}, {@code ::1/128}), single addresses ({@code 127.0.0.1}) and
 *                     host names ({@code monica.lan}, exact, case-insensitive) that may be reached even though they
 *                     are loopback, private, shared (CGNAT), multicast or reserved; link-local addresses (cloud
 *                     metadata) stay refused whatever this says. Env: {@code KINFLOW_IMPORT_ALLOWED_HOSTS},
 *                     comma-separated.
 */
@ConfigurationProperties("kinflow.outbound")
public record OutboundProperties(@DefaultValue List<String> allowedHosts) {

    public OutboundProperties {
        allowedHosts = allowedHosts == null ? List.of()
                : allowedHosts.stream().map(String::trim).filter(entry -> !entry.isEmpty()).toList();
    }
}
